import type { MoveEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { pagePoint } from '../lib/page-point.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackMoves}. */
export interface MoveOptions extends TrackerOptions {
  /** Samples per second at most. Default: 4. */
  hz?: number;
}

/**
 * Tracks the cursor (mouse and pen; touch moves are scrolls) in page coordinates of the scroll
 * root against its scroll size, at most `hz` samples a second, plus a rest point where the cursor
 * stops: a leading-and-trailing throttle, inlined because a dependency would cost more bytes than
 * it. Over a fixed or stuck sticky box a sample also carries `fixed: true` and viewport
 * coordinates. The listener only keeps the event and its target (a target inside a shadow root
 * is cleared once dispatch ends); positions, sizes and styles are read per sample.
 */
export const trackMoves: (emit: Emit<MoveEvent>, opts?: MoveOptions) => Stop = tracker<MoveEvent, MoveOptions>(
  (emit, opts, signal) => {
    let e: PointerEvent | undefined;
    let t: Element;
    let sent: PointerEvent | undefined;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    listen<PointerEvent>(
      document,
      'pointermove',
      (ev) => {
        if (ev.pointerType != 'touch') {
          e = ev;
          t = ev.target as Element;
          timer ??= setTimeout(
            () => {
              timer = undefined;
              // The rest point is the trailing sample, unless no move came since the last one.
              if (e != sent) emit({ type: 'move', ts: (last = Date.now()), ...pagePoint((sent = e)!, t) });
            },
            last + 1000 / (opts.hz || 4) - Date.now(),
          );
        }
      },
      signal,
    );
    signal.addEventListener('abort', () => clearTimeout(timer));
  },
);
