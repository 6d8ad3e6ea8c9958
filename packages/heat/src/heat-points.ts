import { ELEMENT_GRID } from '@heatlens/schema/constants';
import type { Heatmap } from '@heatlens/schema/live';
import type { WidthMix } from './mix-widths.js';
import { fixedTileCentre, inside, pageTileCentre, rootBox, visibleRows, type Layout, type Rect } from './project.js';
import { flatRun, type TileRun } from './tile-run.js';

/** A kernel centre in viewport CSS px and its weight (a count): what the heat surface draws. */
export type HeatPoint = [x: number, y: number, n: number];

/**
 * An element of the snapshot's `elements` found in today's DOM: its selector, its count (which
 * honours the snapshot's width filter), its click cells, and its box in viewport px this frame.
 */
export type ElementBox = {
  sel: string;
  count: number;
  points: Heatmap['tiles'];
  rect: Rect;
  /** counted, not drawn (no heat, no label): not rendered today, or scrolled out of an inner scroll root's box */
  hidden?: boolean;
  /**
   * not rendered today (no box, `visibility: hidden`, clipped away: a closed modal, a collapsed
   * menu): `rect` says nothing of where its clicks are. Implies `hidden`.
   */
  unrendered?: boolean;
  /**
   * the layer its clicks were tiled in: `fixed` (inside a fixed box, or outside an inner scroll
   * root), `sticky` (the fixed layer while stuck, the page's otherwise); the page's when absent
   */
  pin?: 'fixed' | 'sticky';
  /** the element's human name (a capture's), said by its label; none: the label says `element:` */
  name?: string;
};

/**
 * The points of one frame: page heat (clipped to the scroll root's box), the fixed layer
 * (unclipped), and the resolved elements' click cells (each clipped to its element's box).
 */
export type FramePoints = { page: HeatPoint[]; free: HeatPoint[]; elements: HeatPoint[] };

type Run = readonly number[];
/** The tiles of a frame; `widths` when they are one width's under "All widths" (`mixWidths`). */
type MapPart = Pick<Heatmap, 'grid' | 'rowPx' | 'fixed'> & {
  tiles: TileRun;
  widths?: Pick<WidthMix, 'tiled'> | undefined;
};

/**
 * Kernel centres of one frame of a move or click map (layout v2).
 *
 * - Page tiles sit in the scroll root's content space (`pageTileCentre`); only rows that can
 *   reach the root's visible box (with `margin` px of kernel spill) are visited, so the work
 *   follows the viewport, not the page's height.
 * - The fixed layer is pinned to the viewport (`fixedTileCentre`); given the `pinned` boxes the
 *   owner's page shows now (`PinnedBoxes`), only its tiles over one of them are drawn.
 * - Each drawn element's clicks are drawn inside its box today, at the centres of its
 *   `ELEMENT_GRID` cells (the caller clips them to the box: they are clicks on that element).
 *   A tile whose centre lies inside a rendered element's box is left out (its clicks are that
 *   element's). The tiles keep only what no resolved element accounts for (`tileWeights`):
 *   every resolved element's clicks are also in the tiles, where the visitor's layout put them,
 *   which is not where the element is today at another width, and nowhere on the owner's page
 *   for an element it does not render (a closed modal, a collapsed menu).
 */
export function heatPoints(
  map: MapPart,
  l: Layout,
  boxes: readonly ElementBox[],
  margin: number,
  pinned?: readonly Rect[],
): FramePoints {
  const page: HeatPoint[] = [];
  const free: HeatPoint[] = [];
  const elements: HeatPoint[] = [];
  const placed = boxes.filter((b) => !b.unrendered).map((b) => b.rect);
  const covered = (x: number, y: number) =>
    placed.some((r) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h);
  const weight = boxes.length ? tileWeights(map, l, boxes) : { page: 1, fixed: 1 };
  const grid = map.grid;
  const rows = visibleRows(l, map.rowPx, margin);
  const box = rootBox(l);
  if (rows && grid > 0 && weight.page > 0) {
    const [r0, r1] = rows;
    // Only the rows in view are visited: the tiles sorted by row once per snapshot, the first found by bisection.
    const sorted = byRow(flatRun(map.tiles));
    for (let i = firstAtRow(sorted, r0) * 3; i < sorted.length; i += 3) {
      const tx = sorted[i]!;
      const ty = sorted[i + 1]!;
      const n = sorted[i + 2]!;
      if (ty > r1) break;
      if (tx < 0 || tx >= grid || !(n > 0)) continue;
      const p = pageTileCentre(tx, ty, grid, map.rowPx, l);
      if (!inside(p, box, margin) || covered(p.x, p.y)) continue;
      page.push([p.x, p.y, n * weight.page]);
    }
  }
  for (const [tx, ty, n] of weight.fixed > 0 ? (map.fixed ?? []) : []) {
    if (tx < 0 || tx >= grid || !(n > 0)) continue;
    const p = fixedTileCentre(tx, ty, grid, map.rowPx, l);
    if (covered(p.x, p.y) || (pinned && !pinned.some((r) => inside(p, r)))) continue;
    free.push([p.x, p.y, n * weight.fixed]);
  }
  for (const b of boxes) {
    if (b.hidden) continue;
    for (const [cx, cy, n] of b.points) {
      if (!(n > 0)) continue;
      elements.push([
        b.rect.x + ((cx + 0.5) * b.rect.w) / ELEMENT_GRID,
        b.rect.y + ((cy + 0.5) * b.rect.h) / ELEMENT_GRID,
        n,
      ]);
    }
  }
  return { page, free, elements };
}

/** A snapshot's page tiles sorted by row, kept while the snapshot is drawn. */
const rowOrder = new WeakMap<Run, Run>();

/** A flat tile run sorted by row (`ty`), once per snapshot: the collector's answer already is (only checked). */
function byRow(run: Run): Run {
  let sorted = rowOrder.get(run);
  if (!sorted) {
    let inOrder = true;
    for (let i = 4; i < run.length && inOrder; i += 3) inOrder = run[i - 3]! <= run[i]!;
    if (inOrder) sorted = run;
    else {
      const order = Array.from({ length: run.length / 3 }, (_, k) => k).sort(
        (a, b) => run[a * 3 + 1]! - run[b * 3 + 1]!,
      );
      sorted = order.flatMap((k) => [run[k * 3]!, run[k * 3 + 1]!, run[k * 3 + 2]!]);
    }
    rowOrder.set(run, sorted);
  }
  return sorted;
}

/** Index (in tiles, not numbers) of the first tile of `sorted` (by row) whose row is at least `row`. */
function firstAtRow(sorted: Run, row: number): number {
  let lo = 0;
  let hi = sorted.length / 3;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid * 3 + 1]! < row) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The covered page clicks last counted for a snapshot's tiles, by the boxes' tile ranges. */
const coverCache = new WeakMap<Run, { key: string; clicks: number }>();

/**
 * The weight of each layer's tiles that no element box covers: the share of the layer's clicks
 * that are neither covered (tiles under a rendered element of that layer today, left out) nor
 * accounted for by a resolved element elsewhere. Per layer, with `T` its clicks, `A` those of the
 * resolved elements tiled in it and `C` those of the tiles it leaves out under their boxes:
 * `1 - max(0, A - C) / (T - C)`, clamped to 0..1. The clicks of elements not rendered today count
 * in `A` only, so they come off the layer they were tiled in (a closed modal's clicks off the fixed
 * layer; a collapsed menu's off the page's). A sticky element's clicks are in either layer (stuck
 * or not when clicked): they are split in proportion to what the other elements leave unaccounted
 * in each layer, so clicks that are all accounted for leave no tile heat in either. Which tile held
 * which element's clicks is not in the snapshot, so within a layer the rest is spread evenly.
 * Coverage is counted in page space for page elements (it does not change with scroll).
 * Under "All widths" (`map.widths`) the tiles are one width's: an element's clicks in them are
 * its count at that width (`widths.tiled`), not its count at every width.
 */
export function tileWeights(map: MapPart, l: Layout, boxes: readonly ElementBox[]): { page: number; fixed: number } {
  const grid = map.grid;
  const tiles = flatRun(map.tiles);
  let tPage = 0;
  let tFixed = 0;
  for (let i = 2; i < tiles.length; i += 3) if (tiles[i]! > 0) tPage += tiles[i]!;
  for (const t of map.fixed ?? []) if (t[2] > 0) tFixed += t[2];
  let aPage = 0;
  let aFixed = 0;
  let aSticky = 0;
  const tiled = map.widths ? new Map(map.widths.tiled) : null;
  for (const b of boxes) {
    const count = tiled ? (tiled.get(b.sel) ?? 0) : b.count;
    if (b.pin === 'fixed') aFixed += count;
    else if (b.pin === 'sticky') aSticky += count;
    else aPage += count;
  }
  // A sticky element's clicks fill what the other elements leave of each layer, in proportion.
  const roomFixed = Math.max(0, tFixed - aFixed);
  const room = roomFixed + Math.max(0, tPage - aPage);
  const share = room > 0 ? roomFixed / room : tFixed + tPage > 0 ? tFixed / (tFixed + tPage) : 0;
  aFixed += aSticky * share;
  aPage += aSticky * (1 - share);
  let cFixed = 0;
  const pinned = boxes.filter((b) => b.pin && !b.unrendered);
  for (const [tx, ty, n] of pinned.length ? (map.fixed ?? []) : []) {
    if (!(n > 0)) continue;
    const p = fixedTileCentre(tx, ty, grid, map.rowPx, l);
    if (pinned.some((b) => inside(p, b.rect))) cFixed += n;
  }
  let cPage = 0;
  const onPage = boxes.filter((b) => b.pin !== 'fixed' && !b.unrendered);
  if (onPage.length && grid > 0 && map.rowPx > 0 && l.docWidth > 0) {
    // Each box as the page tiles whose centres it holds: whole numbers, the same at any scroll.
    const cw = l.docWidth / grid;
    const ranges: number[] = [];
    for (const b of onPage) {
      const x = b.rect.x - l.rootLeft + l.scrollX;
      const y = b.rect.y - l.rootTop + l.scrollY;
      const r = [
        Math.ceil(x / cw - 0.5),
        Math.floor((x + b.rect.w) / cw - 0.5),
        Math.ceil(y / map.rowPx - 0.5),
        Math.floor((y + b.rect.h) / map.rowPx - 0.5),
      ] as const;
      if (r[0] <= r[1] && r[2] <= r[3]) ranges.push(...r);
    }
    // Counted again only when a box moved in the page or a snapshot came: one pass over its tiles.
    const key = ranges.join();
    const hit = coverCache.get(tiles);
    if (hit?.key === key) cPage = hit.clicks;
    else {
      for (let t = 0; t < tiles.length; t += 3) {
        const tx = tiles[t]!;
        const ty = tiles[t + 1]!;
        const n = tiles[t + 2]!;
        if (!(n > 0)) continue;
        for (let i = 0; i < ranges.length; i += 4)
          if (tx >= ranges[i]! && tx <= ranges[i + 1]! && ty >= ranges[i + 2]! && ty <= ranges[i + 3]!) {
            cPage += n;
            break;
          }
      }
      coverCache.set(tiles, { key, clicks: cPage });
    }
  }
  const w = (t: number, a: number, c: number) =>
    t - c > 0 ? Math.min(1, Math.max(0, 1 - Math.max(0, a - c) / (t - c))) : 0;
  return { page: w(tPage, aPage, cPage), fixed: w(tFixed, aFixed, cFixed) };
}

/**
 * The count heat is coloured against: the hottest tile, or the hottest element cell when that is
 * hotter (a snapshot's `max` is over its tiles). Never below 1.
 */
export function heatMax(map: Pick<Heatmap, 'max' | 'fixed' | 'elements'> & { tiles: TileRun }): number {
  let max = map.max > 0 ? map.max : 0;
  if (!(max > 0)) {
    const tiles = flatRun(map.tiles);
    for (let i = 2; i < tiles.length; i += 3) max = Math.max(max, tiles[i]!);
  }
  for (const [, , n] of map.fixed ?? []) max = Math.max(max, n);
  for (const e of map.elements ?? []) for (const [, , n] of e.points) max = Math.max(max, n);
  return Math.max(1, max);
}
