import type { Event } from '@heatlens/schema';
import type { Emit, Stop, TrackerOptions } from './types.js';

/**
 * Makes a tracker from its setup: `setup(emit, opts, signal)` adds its listeners with `signal`
 * (and its cleanup of timers and observers). The tracker's own `Stop` and the caller's
 * `opts.signal` both abort `signal`, so either ends everything in one call.
 */
export function tracker<E extends Event, O extends TrackerOptions = TrackerOptions>(
  setup: (emit: Emit<E>, opts: O, signal: AbortSignal) => void,
): (emit: Emit<E>, opts?: O) => Stop {
  return (emit, opts = {} as O) => {
    const c = new AbortController();
    const stop = () => c.abort();
    opts.signal?.addEventListener('abort', stop);
    setup(emit, opts, c.signal);
    return stop;
  };
}
