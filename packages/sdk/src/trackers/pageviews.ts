import type { PageviewEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { pagePath, type PathOptions } from '../lib/page-path.js';
import { safe } from '../lib/safe.js';
import { stripUrl } from '../lib/strip-url.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackPageviews}; `query` and `hash` decide what counts as a new page. */
export interface PageviewOptions extends TrackerOptions, PathOptions {}

/**
 * Tracks page views, once per page the visitor saw: on start (or on activation, for a prerendered
 * page: never for one that is not activated), on a back/forward-cache
 * restore, and on single-page-app navigation (`pushState`, `replaceState`, `popstate`,
 * `hashchange`) that changes the page's path. Each carries the referrer (origin and path only;
 * the previous page after a single-page-app navigation), language, time zone, viewport height
 * and screen size. `history` is patched while tracking and restored on stop.
 */
export const trackPageviews: (emit: Emit<PageviewEvent>, opts?: PageviewOptions) => Stop = tracker<
  PageviewEvent,
  PageviewOptions
>((emit, opts, signal) => {
  let path: string | undefined;
  let ref = document.referrer;
  // `persisted`: a page restored from the back/forward cache is a new view of the same path. A
  // prerendered page (Speculation Rules) is not seen until it is activated, though it runs, fires
  // `pageshow` and may be given consent meanwhile: nothing counts before `prerenderingchange`.
  const view = (e?: Event & { persisted?: boolean }) => {
    if (
      signal.aborted ||
      (document as { prerendering?: boolean }).prerendering ||
      (path == (path = pagePath(opts)) && !e?.persisted)
    )
      return;
    emit({
      type: 'pageview',
      ts: Date.now(),
      vh: innerHeight,
      // Optional details, read together: a getter that throws (a privacy extension's, a
      // sandbox's) leaves them out, never the view.
      ...safe(() => ({
        ref: stripUrl(ref, opts),
        lang: navigator.language.slice(0, 35),
        tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
        sw: screen.width,
        sh: screen.height,
      })),
    });
    ref = location.href;
  };
  // The first view goes first, and each step runs guarded: a browser API that refuses (a frozen
  // `history`, whose assignment throws in strict-mode code such as an ES module) only costs the
  // single-page-app views that need it, never the first view or the page's own navigation.
  safe(view);
  listen(document, 'prerenderingchange', view, signal);
  listen(window, 'popstate hashchange pageshow', view, signal);
  for (const k of ['pushState', 'replaceState'] as const)
    safe(() => {
      const orig = history[k];
      const ours: typeof orig = function (this: History, ...args) {
        orig.apply(this, args);
        safe(view);
      };
      history[k] = ours;
      // Restore only if nobody patched over us since; theirs keeps calling ours, which stays inert.
      signal.addEventListener('abort', () => history[k] == ours && (history[k] = orig));
    });
});
