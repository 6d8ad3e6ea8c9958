import type { PageviewEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { pagePath, type PathOptions } from '../lib/page-path.js';
import { safe } from '../lib/safe.js';
import { stopper } from '../lib/stopper.js';
import { stripUrl } from '../lib/strip-url.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackPageviews}; `query` and `hash` decide what counts as a new page. */
export interface PageviewOptions extends TrackerOptions, PathOptions {}

/**
 * Tracks page views: on start (or on activation, for a prerendered page), on a back/forward-cache
 * restore, and on single-page-app navigation (`pushState`, `replaceState`, `popstate`,
 * `hashchange`) that changes the page's path. Each carries the referrer (origin and path only),
 * language, time zone, viewport height and screen size. `history` is patched while tracking and
 * restored on stop.
 */
export function trackPageviews(emit: Emit<PageviewEvent>, opts: PageviewOptions = {}): Stop {
  const c = stopper(opts.signal);
  let path = '';
  let url = '';
  const view = (force?: boolean) => {
    const p = pagePath(opts);
    if (p == path && !force) return;
    const ref = stripUrl(url || document.referrer);
    path = p;
    url = location.href;
    emit({
      type: 'pageview',
      ts: Date.now(),
      ...(ref && { ref }),
      lang: navigator.language?.slice(0, 35),
      tz: safe(() => Intl.DateTimeFormat().resolvedOptions().timeZone.slice(0, 64), undefined),
      vh: innerHeight,
      sw: screen?.width,
      sh: screen?.height,
    });
  };
  const h = history;
  const patch = (name: 'pushState' | 'replaceState') => {
    const orig = h[name];
    const ours: typeof orig = function (this: History, ...args) {
      orig.apply(this, args);
      c.signal.aborted || safe(view, undefined);
    };
    h[name] = ours;
    // Restore only if nobody patched over us since; theirs keeps calling ours, which stays harmless.
    c.signal.addEventListener('abort', () => h[name] == ours && (h[name] = orig));
  };
  patch('pushState');
  patch('replaceState');
  listen(window, 'popstate', () => view(), c.signal);
  listen(window, 'hashchange', () => view(), c.signal);
  listen<PageTransitionEvent>(window, 'pageshow', (e) => e.persisted && view(true), c.signal);
  if ((document as { prerendering?: boolean }).prerendering) listen(document, 'prerenderingchange', () => view(), c.signal);
  else view();
  return () => c.abort();
}
