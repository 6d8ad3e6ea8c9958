import { MAX_ELEMENTS, ROW_PX, type ElementHeat, type Heatmap, type Kind, type SegmentFilter } from '@heatlens/schema';
import { parseTileMember } from './tile-members.js';

/** What a store reads for one heatmap: the window and its members (tile-members.ts, or a band for scroll). */
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

/**
 * The difference-array increments of a session whose deepest band moves from `prev` to `band`.
 * The Lua of `store/lua/record.ts` mirrors it (it cannot import TypeScript); the store contract
 * suite (`describe-store.ts`, scroll map) runs both stores against the same expected answer.
 */
export function scrollIncrements(prev: number, band: number): Array<[string, number]> {
  return band > prev
    ? [
        [String(prev + 1), 1],
        [String(band + 1), -1],
      ]
    : [];
}

type Tile = [number, number, number];
const byRowThenColumn = (a: Tile, b: Tile) => a[1] - b[1] || a[0] - b[0];

/** Split a tile set's members (tile-members.ts) into page tiles, fixed tiles and elements. */
function splitLayers(members: Iterable<[string, number]>, withElements: boolean) {
  const tiles: Tile[] = [];
  const fixed: Tile[] = [];
  const elements = new Map<string, { count: number; points: Tile[] }>();
  for (const [m, n] of members) {
    if (!(n > 0)) continue;
    const t = parseTileMember(m);
    if (!t) continue;
    if (t.layer === 'page') tiles.push([t.tx, t.ty, n]);
    else if (t.layer === 'fixed') fixed.push([t.tx, t.ty, n]);
    else if (withElements) {
      let el = elements.get(t.sel);
      if (!el) elements.set(t.sel, (el = { count: 0, points: [] }));
      el.count += n;
      if (t.cx !== undefined) el.points.push([t.cx, t.cy, n]);
    }
  }
  return { tiles, fixed, elements };
}

/** The MAX_ELEMENTS most clicked elements, most first (then by selector), cells in row order. */
function topElements(elements: Map<string, { count: number; points: Tile[] }>): ElementHeat[] {
  return [...elements]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, MAX_ELEMENTS)
    .map(([sel, { count, points }]) => ({ sel, count, points: points.sort((a, b) => a[0] - b[0] || a[1] - b[1]) }));
}

/**
 * Assemble the `/api/heatmap` answer (tile layout v2, see schema `Heatmap`) from a window's
 * members: page tiles and the fixed layer sorted by row then column, `rows` one past the deepest
 * page row in use (for scroll: band), `total` and `max` over page and fixed tiles, and for clicks
 * the most clicked elements (their counts are the same clicks again, so not in `total`).
 */
export function buildHeatmap(
  q: { site: string; page: string; kind: Kind; seg: SegmentFilter; grid: number },
  raw: RawTiles,
): Heatmap {
  let tiles: Tile[] = [];
  let fixed: Tile[] = [];
  let elements: ElementHeat[] | undefined;
  if (q.kind === 'scroll') {
    reachToMaxBands(reachByBand(raw.members, q.grid)).forEach((n, band) => {
      if (n > 0) tiles.push([0, band, n]);
    });
  } else {
    const layers = splitLayers(raw.members, q.kind === 'click');
    tiles = layers.tiles.sort(byRowThenColumn);
    fixed = layers.fixed.sort(byRowThenColumn);
    if (q.kind === 'click') elements = topElements(layers.elements);
  }
  let total = 0;
  let max = 0;
  let rows = 0;
  for (const t of tiles) {
    total += t[2];
    if (t[2] > max) max = t[2];
    if (t[1] >= rows) rows = t[1] + 1;
  }
  for (const t of fixed) {
    total += t[2];
    if (t[2] > max) max = t[2];
  }
  const hm: Heatmap = {
    site: q.site,
    path: q.page,
    kind: q.kind,
    seg: q.seg,
    grid: q.grid,
    rowPx: ROW_PX,
    rows,
    windowMs: raw.windowMs,
    from: raw.from,
    to: raw.to,
    total,
    max,
    tiles,
    fixed,
  };
  if (elements) hm.elements = elements;
  return hm;
}
