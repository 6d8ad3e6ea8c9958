import type { ImageViewEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { stripUrl } from '../lib/strip-url.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackImageViews}. */
export interface ImageViewOptions extends TrackerOptions {
  /** How long an image must stay at least half visible. Default: 1000 ms. */
  ms?: number;
}

/**
 * Tracks image views: an `<img>` at least 50 % visible for `ms` (IntersectionObserver), once per
 * element. Images already there are observed at start, later ones when they load (a `load`
 * listener capturing at the document, cheaper than watching every DOM mutation).
 */
export const trackImageViews: (emit: Emit<ImageViewEvent>, opts?: ImageViewOptions) => Stop = tracker<
  ImageViewEvent,
  ImageViewOptions
>((emit, opts, signal) => {
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const io = new IntersectionObserver(
    (entries) => {
      for (const { target, intersectionRatio } of entries) {
        clearTimeout(timers.get(target));
        if (intersectionRatio >= 0.5)
          timers.set(
            target,
            setTimeout(() => {
              io.unobserve(target);
              const src = stripUrl((target as HTMLImageElement).currentSrc);
              if (src) emit({ type: 'image_view', ts: Date.now(), src });
            }, opts.ms ?? 1000),
          );
      }
    },
    { threshold: 0.5 },
  );
  document.querySelectorAll('img').forEach((img) => io.observe(img));
  listen(document, 'load', (e) => e.target instanceof HTMLImageElement && io.observe(e.target), signal);
  signal.addEventListener('abort', () => {
    io.disconnect();
    timers.forEach(clearTimeout);
  });
});
