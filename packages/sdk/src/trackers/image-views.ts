import type { ImageViewEvent } from '@heatlens/schema';
import { stopper } from '../lib/stopper.js';
import { stripUrl } from '../lib/strip-url.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackImageViews}. */
export interface ImageViewOptions extends TrackerOptions {
  /** How long an image must stay at least half visible. Default: 1000 ms. */
  ms?: number;
  /** Which images count. Default: `'img'`. */
  selector?: string;
}

/**
 * Tracks image views: an image at least 50 % visible for `ms` (IntersectionObserver), once per
 * element. Images added later are found by a MutationObserver. A no-op without IntersectionObserver.
 */
export function trackImageViews(emit: Emit<ImageViewEvent>, opts: ImageViewOptions = {}): Stop {
  const c = stopper(opts.signal);
  const sel = opts.selector || 'img';
  if (typeof IntersectionObserver != 'function') return () => c.abort();
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const io = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting, intersectionRatio } of entries) {
      clearTimeout(timers.get(target));
      timers.delete(target);
      if (isIntersecting && intersectionRatio >= 0.5) {
        timers.set(target, setTimeout(() => {
          io.unobserve(target);
          const src = stripUrl((target as HTMLImageElement).currentSrc || (target as HTMLImageElement).src || '');
          if (src) emit({ type: 'image_view', ts: Date.now(), src });
        }, opts.ms ?? 1000));
      }
    }
  }, { threshold: 0.5 });
  const scan = (root: ParentNode) => {
    if (root instanceof Element && root.matches(sel)) io.observe(root);
    root.querySelectorAll(sel).forEach((el) => io.observe(el));
  };
  const mo = typeof MutationObserver == 'function' &&
    new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => n instanceof Element && scan(n))));
  scan(document);
  if (mo) mo.observe(document, { childList: true, subtree: true });
  c.signal.addEventListener('abort', () => {
    io.disconnect();
    if (mo) mo.disconnect();
    timers.forEach(clearTimeout);
  });
  return () => c.abort();
}
