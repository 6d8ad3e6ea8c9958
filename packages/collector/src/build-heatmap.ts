import type { Heatmap, Kind, SegmentFilter } from '@heatlens/schema';

/** What a store reads for one heatmap: the window and its members (`tx:ty`, or a band for scroll). */
export type RawTiles = { from: number; to: number; windowMs: number; members: Iterable<[string, number]> };

/**
 * Scroll is stored as the difference array of "sessions that reached at least band k": a session
 * whose deepest band moves from a to b adds +1 at a+1 and -1 at b+1. That is additive, so it rolls
 * out of windows and cascades like any count, and costs two members per change instead of one per
 * band crossed. The API speaks the design's shape, each session at the band of its maximum depth:
 * m[k] = reach[k] - reach[k+1].
 */
export function reachToMaxBands(reach: number[]): number[] {
  return reach.map((r, k) => Math.max(0, r - (reach[k + 1] ?? 0)));
}

/** Reach per band (index = band): the prefix sums of the stored difference array. */
export function reachByBand(members: Iterable<[string, number]>, grid: number): number[] {
  const diff = new Array<number>(grid).fill(0);
  for (const [m, n] of members) {
    const k = Number(m);
    if (Number.isInteger(k) && k >= 0 && k < grid) diff[k] = (diff[k] ?? 0) + n;
  }
  let sum = 0;
  return diff.map((d) => Math.max(0, (sum += d)));
}

/** The difference-array increments of a session whose deepest band moves from `prev` to `band`. */
export function scrollIncrements(prev: number, band: number): Array<[string, number]> {
  return band > prev ? [[String(prev + 1), 1], [String(band + 1), -1]] : [];
}

/** Assemble the `/api/heatmap` answer from raw tiles. */
export function buildHeatmap(
  q: { site: string; path: string; kind: Kind; seg: SegmentFilter; grid: number },
  raw: RawTiles,
): Heatmap {
  const tiles: Array<[number, number, number]> = [];
  if (q.kind === 'scroll') {
    reachToMaxBands(reachByBand(raw.members, q.grid)).forEach((n, band) => {
      if (n > 0) tiles.push([0, band, n]);
    });
  } else {
    for (const [m, n] of raw.members) {
      if (!(n > 0)) continue;
      const i = m.indexOf(':');
      tiles.push([Number(m.slice(0, i)), Number(m.slice(i + 1)), n]);
    }
    tiles.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  }
  let total = 0;
  let max = 0;
  for (const t of tiles) {
    total += t[2];
    if (t[2] > max) max = t[2];
  }
  return { site: q.site, path: q.path, kind: q.kind, seg: q.seg, grid: q.grid, windowMs: raw.windowMs, from: raw.from, to: raw.to, total, max, tiles };
}
