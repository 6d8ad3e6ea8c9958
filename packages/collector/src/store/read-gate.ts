/**
 * At most `max` calls of `run` in progress at once; the others wait in order. A call that waited
 * past `timeoutMs` is not started: it rejects (the caller's deadline has answered 503 already).
 * Used for the heavy reads (`pages`: up to 500 pages each), so however many a token sends, the
 * process spends a bounded share of its time on them and writes keep their turn.
 */
export function createReadGate(max: number, timeoutMs: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return async function run<T>(fn: () => Promise<T>): Promise<T> {
    if (running >= max) {
      const t0 = performance.now();
      await new Promise<void>((resolve) => waiting.push(resolve));
      if (performance.now() - t0 > timeoutMs) {
        // Pass the turn on: this call is not started.
        running++;
        next();
        throw new Error(`waited over ${timeoutMs} ms for a turn`);
      }
    }
    running++;
    try {
      return await fn();
    } finally {
      next();
    }
  };
}
