import type { ScrollEvent } from '@heatlens/schema';
import { docSize } from '../lib/doc-size.js';
import { listen } from '../lib/listen.js';
import { onHidden } from '../lib/on-hidden.js';
import { scrollRoot } from '../lib/scroll-root.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackScroll}. */
export interface ScrollOptions extends TrackerOptions {
  /** Report when the maximum depth grew by this many percentage points. Default: 10. */
  step?: number;
}

/**
 * Tracks scroll depth: the maximum share of the scroll root seen (0..100, the first screen
 * included; the document, or the element that scrolls an app shell), reported at the first
 * scroll, whenever it grows by `step`, and when the page is hidden. A single-page-app navigation
 * (a new pathname) starts a new page's maximum.
 */
export const trackScroll: (emit: Emit<ScrollEvent>, opts?: ScrollOptions) => Stop = tracker<ScrollEvent, ScrollOptions>(
  (emit, opts, signal) => {
    const step = opts.step || 10;
    let path = '';
    let max = 0;
    let reported = 0;
    const check = (final?: unknown) => {
      const r = scrollRoot();
      const depth = Math.min(
        100,
        Math.round((100 * (r ? r.scrollTop + r.clientHeight : scrollY + innerHeight)) / docSize(r).h),
      );
      if (path != (path = location.pathname)) reported = -step;
      if (depth > max || reported < 0) max = depth;
      if (max >= reported + step || (final === true && max > reported))
        emit({ type: 'scroll', ts: Date.now(), depth: (reported = max) });
    };
    // Capturing at the window hears the viewport's scroll and every element's (which do not bubble).
    listen(window, 'scroll', check, signal);
    // No report at start: a script in <head> runs before the body exists, when the first screen
    // looks like 100 %. A visitor who never scrolls reports the first screen when the page hides.
    onHidden(() => check(true), signal);
  },
);
