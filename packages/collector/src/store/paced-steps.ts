/**
 * Share of wall time a heavy read (a `pages` read: up to 500 pages) may keep the process and its
 * store busy: after a step that took `d` ms it rests `d * (1 / share - 1)` ms before the next. At
 * 1/3 a write that arrives during a heavy read finds the store and the event loop free two thirds
 * of the time, and waits at most one step otherwise. Measured with a token looping
 * `/api/pages?limit=500` (test/abuse/read-starve.integration.test.ts, bench/read-starve.mjs).
 */
export const HEAVY_READ_SHARE = 1 / 3;

export type PacedStepsOptions<T, R> = {
  /** items per step */
  size: number;
  /** share of wall time the steps may use, in (0, 1]; HEAVY_READ_SHARE by default */
  share?: number;
  /** ms from `performance.now()` = `t0` past which no step starts (throws); none by default */
  deadlineMs?: number;
  t0?: number;
  step: (chunk: T[]) => Promise<R[]> | R[];
};

/**
 * `step` over `items` in chunks of `size`, in order, answers concatenated. Between chunks it rests
 * so the steps use at most `share` of the time (always at least one turn of the event loop, so a
 * write's handler runs in between). Throws `no answer within N ms` before a step that would start
 * past the deadline: the caller has answered 503 already, finishing would be for nobody.
 */
export async function pacedSteps<T, R>(items: readonly T[], o: PacedStepsOptions<T, R>): Promise<R[]> {
  const share = Math.min(1, Math.max(0.01, o.share ?? HEAVY_READ_SHARE));
  const t0 = o.t0 ?? performance.now();
  const out: R[] = [];
  for (let i = 0; i < items.length; i += o.size) {
    if (o.deadlineMs !== undefined && performance.now() - t0 > o.deadlineMs)
      throw new Error(`no answer within ${o.deadlineMs} ms`);
    const s0 = performance.now();
    out.push(...(await o.step(items.slice(i, i + o.size))));
    if (i + o.size >= items.length) break;
    const rest = (performance.now() - s0) * (1 / share - 1);
    await new Promise((r) => (rest >= 1 ? setTimeout(r, rest) : setImmediate(r)));
  }
  return out;
}
