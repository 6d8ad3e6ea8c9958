import { WINDOWS, type WindowName } from '@heatlens/schema';

/** A query window and the bucket size its edge steps by. */
export type WindowSpec = {
  name: WindowName;
  ms: number;
  bucketMs: number;
  buckets: number;
  ttlMs: number;
  /** how long a bucket outlives its window in Redis, waiting for a sweep to cascade it */
  slackMs: number;
};

/** The finest bucket: every coarser bucket size is a multiple of it, so folding by it loses nothing. */
export const BASE_BUCKET_MS = 5_000;

const DAY_MS = 24 * 60 * 60_000;
// The live window steps in 5 s; longer windows in coarser buckets, so each window up to 30 days
// keeps at most 120 buckets whatever its length, and every window's rolling key reads as one small
// key. Beyond 30 days history is kept at day resolution (90 and 365 buckets of a day).
const BUCKET_MS: Record<WindowName, number> = {
  '5m': 5_000,
  '1h': 60_000,
  '24h': 15 * 60_000,
  '30d': 6 * 60 * 60_000,
  '90d': DAY_MS,
  '365d': DAY_MS,
};
// Several sweep intervals (SWEEP_MS), so a bucket is cascaded to the next window before it expires.
const SLACK_MS: Record<WindowName, number> = {
  '5m': 3 * 60_000,
  '1h': 10 * 60_000,
  '24h': 60 * 60_000,
  '30d': 6 * 60 * 60_000,
  '90d': DAY_MS,
  '365d': DAY_MS,
};

/** How often a collector advances every page written in the last 30 days (see store.sweep). */
export const SWEEP_MS = 30_000;

function spec(name: WindowName): WindowSpec {
  const ms = WINDOWS[name];
  const bucketMs = BUCKET_MS[name];
  // A bucket must outlive its window by one bucket, so the step that subtracts it as it
  // leaves still finds it; two buckets of slack cover a late advance.
  return { name, ms, bucketMs, buckets: ms / bucketMs, ttlMs: ms + 2 * bucketMs, slackMs: SLACK_MS[name] };
}

/** Every window, shortest first. */
export const WINDOW_SPECS: readonly WindowSpec[] = (Object.keys(WINDOWS) as WindowName[]).map(spec);

/** The spec of a named window. */
export function windowSpec(name: WindowName): WindowSpec {
  return WINDOW_SPECS.find((w) => w.name === name)!;
}

/** The longest retention of any window: events older than this are dropped on arrival. */
export const MAX_RETENTION_MS = Math.max(...WINDOW_SPECS.map((w) => w.ms));

/** Start of the bucket of size `ms` that holds time `ts`. */
export function bucketOf(ts: number, ms: number): number {
  return ts - (((ts % ms) + ms) % ms);
}

/**
 * The first bucket start still inside the window at `now`: the window covers `buckets` buckets
 * up to and including the current one, so its span is between `ms - bucketMs` and `ms`.
 */
export function windowStart(now: number, w: Pick<WindowSpec, 'bucketMs' | 'buckets'>): number {
  return bucketOf(now, w.bucketMs) - (w.buckets - 1) * w.bucketMs;
}

/** Bucket starts of the window at `now`, oldest first. */
export function bucketsIn(now: number, w: Pick<WindowSpec, 'bucketMs' | 'buckets'>): number[] {
  const first = windowStart(now, w);
  return Array.from({ length: w.buckets }, (_, i) => first + i * w.bucketMs);
}
