import type { WindowName } from '@heatlens/schema';
import { WINDOW_SPECS, windowSpec, windowStart, type WindowSpec } from '../core/windows.js';

/** Where the period before a window is kept: buckets of the next longer level, and the span they cover. */
export type PreviousRange = {
  /** the level whose buckets hold it */
  level: WindowSpec;
  /** bucket starts of that level, oldest first */
  buckets: number[];
  /** the span the buckets cover, server clock (ms): `to - from` is the window's length */
  from: number;
  to: number;
};

/**
 * The same window one period earlier, as the stored buckets allow: a bucket leaving a level goes
 * whole into the next longer level (1 min buckets for 1 h, 15 min for 24 h, 6 h for 30 d), so the
 * period before the 5 min window is five 1-min buckets, before the hour four of 15 min, before the
 * day four of 6 h. Its end is the last such bucket that ended before the window starts (up to one
 * coarse bucket earlier than the window's start: those events are in neither side). Undefined for
 * the longest window the site keeps (`levels`: its levels, core/retention.ts; default every window):
 * nothing older is stored.
 */
export function previousRange(
  window: WindowName,
  now: number,
  levels: readonly WindowSpec[] = WINDOW_SPECS,
): PreviousRange | undefined {
  const w = windowSpec(window);
  const i = levels.findIndex((l) => l.name === window);
  const level = i < 0 ? undefined : levels[i + 1];
  if (!level) return undefined;
  const start = windowStart(now, w);
  const to = start - (((start % level.bucketMs) + level.bucketMs) % level.bucketMs);
  const from = to - w.ms;
  const buckets: number[] = [];
  for (let b = from; b < to; b += level.bucketMs) buckets.push(b);
  return { level, buckets, from, to };
}

/** Why a window has no previous period here: the 400's message. */
export const noPreviousMessage = (window: WindowName) =>
  `compare: no stored buckets reach before the ${window} window (the longest this site keeps: ` +
  `see its retentionDays), so it has no previous period`;
