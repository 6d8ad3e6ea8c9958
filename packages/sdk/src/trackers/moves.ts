import type { MoveEvent } from '@heatlens/schema';
import { docSize } from '../lib/doc-size.js';
import { listen } from '../lib/listen.js';
import { stopper } from '../lib/stopper.js';
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
 * The listener only stores two numbers; the document size is read when a sample is emitted.
 */
export function trackMoves(emit: Emit<MoveEvent>, opts: MoveOptions = {}): Stop {
  const gap = 1000 / (opts.hz || 4);
  const c = stopper(opts.signal);
  let x = -1;
  let y = -1;
  let last = 0;
  let sent = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sample = () => {
    timer = undefined;
    if (sent == x + ',' + y) return;
    sent = x + ',' + y;
    last = Date.now();
    const [w, h] = docSize();
    emit({ type: 'move', ts: last, x, y, w, h });
  };
  listen<PointerEvent>(document, 'pointermove', (e) => {
    if (e.pointerType == 'touch') return;
    x = Math.max(0, Math.round(e.pageX));
    y = Math.max(0, Math.round(e.pageY));
    timer ??= setTimeout(sample, Math.max(0, last + gap - Date.now()));
  }, c.signal);
  c.signal.addEventListener('abort', () => clearTimeout(timer));
  return () => c.abort();
}
