import type { MoveEvent } from '@heatlens/schema';
import { listen } from '../lib/listen.js';
import { pageXY } from '../lib/page-xy.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackMoves}. */
export interface MoveOptions extends TrackerOptions {
  /** Samples per second at most. Default: 4. */
  hz?: number;
}

/**
 * Tracks the cursor (mouse and pen; touch moves are scrolls) in page coordinates against the
 * document size, at most `hz` samples a second, plus a rest point where the cursor stops: a
 * leading-and-trailing throttle, inlined because a dependency would cost more bytes than it.
 * The listener only keeps the event; positions and the document size are read per sample.
 */
export const trackMoves: (emit: Emit<MoveEvent>, opts?: MoveOptions) => Stop = tracker<MoveEvent, MoveOptions>((emit, opts, signal) => {
  let e: PointerEvent | undefined;
  let sent: PointerEvent | undefined;
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  listen<PointerEvent>(document, 'pointermove', (ev) => {
    if (ev.pointerType != 'touch') {
      e = ev;
      timer ??= setTimeout(() => {
        timer = undefined;
        // The rest point is the trailing sample, unless no move came since the last one.
        if (e != sent) emit({ type: 'move', ts: (last = Date.now()), ...pageXY((sent = e)!) });
      }, last + 1000 / (opts.hz || 4) - Date.now());
    }
  }, signal);
  signal.addEventListener('abort', () => clearTimeout(timer));
});
