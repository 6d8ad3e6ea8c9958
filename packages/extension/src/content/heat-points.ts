import { ELEMENT_GRID } from '@heatlens/schema/constants';
import type { Heatmap } from '@heatlens/schema/live';
import { fixedTileCentre, inside, pageTileCentre, rootBox, visibleRows, type Layout, type Rect } from './project.js';

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
  /** found today but scrolled out of an inner scroll root's box: counted, not drawn */
  hidden?: boolean;
};

/**
 * The points of one frame: page heat (clipped to the scroll root's box), the fixed layer
 * (unclipped), and the resolved elements' click cells (each clipped to its element's box).
 */
export type FramePoints = { page: HeatPoint[]; free: HeatPoint[]; elements: HeatPoint[] };

/**
 * Kernel centres of one frame of a move or click map (layout v2).
 *
 * - Page tiles sit in the scroll root's content space (`pageTileCentre`); only rows that can
 *   reach the root's visible box (with `margin` px of kernel spill) are visited, so the work
 *   follows the viewport, not the page's height.
 * - The fixed layer is pinned to the viewport (`fixedTileCentre`).
 * - Each resolved element's clicks are drawn inside its box today, at the centres of its
 *   `ELEMENT_GRID` cells (the caller clips them to the box: they are clicks on that element).
 *   Those clicks are also in the tiles, where the visitor's layout put them, which at another
 *   width is not where the element is today: tiles are weighted by the share of clicks that no
 *   resolved element accounts for (`1 - sum(element counts) / total`), and a tile whose centre
 *   lies inside a resolved element's box is left out. Tiles keep what elements cannot show
 *   (clicks on elements not listed, or not found today).
 */
export function heatPoints(
  map: Pick<Heatmap, 'grid' | 'rowPx' | 'tiles' | 'fixed'> & { total?: number },
  l: Layout,
  boxes: readonly ElementBox[],
  margin: number,
): FramePoints {
  const page: HeatPoint[] = [];
  const free: HeatPoint[] = [];
  const elements: HeatPoint[] = [];
  let total = map.total ?? 0;
  if (!(total > 0)) for (const t of [...map.tiles, ...(map.fixed ?? [])]) total += t[2] > 0 ? t[2] : 0;
  const drawn = boxes.reduce((a, b) => a + b.count, 0);
  const rest = boxes.length && total > 0 ? Math.max(0, 1 - drawn / total) : 1;
  const shown = boxes.filter((b) => !b.hidden);
  const covered = (x: number, y: number) => shown.some((b) => inside({ x, y }, b.rect));
  const grid = map.grid;
  const rows = visibleRows(l, map.rowPx, margin);
  const box = rootBox(l);
  if (rows && grid > 0) {
    const [r0, r1] = rows;
    for (const [tx, ty, n] of map.tiles) {
      if (ty < r0 || ty > r1 || tx < 0 || tx >= grid || !(n > 0)) continue;
      const p = pageTileCentre(tx, ty, grid, map.rowPx, l);
      if (!inside(p, box, margin) || covered(p.x, p.y) || !(rest > 0)) continue;
      page.push([p.x, p.y, n * rest]);
    }
  }
  for (const [tx, ty, n] of map.fixed ?? []) {
    if (tx < 0 || tx >= grid || !(n > 0)) continue;
    const p = fixedTileCentre(tx, ty, grid, map.rowPx, l);
    if (covered(p.x, p.y) || !(rest > 0)) continue;
    free.push([p.x, p.y, n * rest]);
  }
  for (const b of shown) {
    for (const [cx, cy, n] of b.points) {
      if (!(n > 0)) continue;
      elements.push([b.rect.x + ((cx + 0.5) * b.rect.w) / ELEMENT_GRID, b.rect.y + ((cy + 0.5) * b.rect.h) / ELEMENT_GRID, n]);
    }
  }
  return { page, free, elements };
}

/**
 * The count heat is coloured against: the hottest tile, or the hottest element cell when that is
 * hotter (a snapshot's `max` is over its tiles). Never below 1.
 */
export function heatMax(map: Pick<Heatmap, 'max' | 'tiles' | 'fixed' | 'elements'>): number {
  let max = map.max > 0 ? map.max : 0;
  if (!(max > 0)) for (const [, , n] of map.tiles) max = Math.max(max, n);
  for (const [, , n] of map.fixed ?? []) max = Math.max(max, n);
  for (const e of map.elements ?? []) for (const [, , n] of e.points) max = Math.max(max, n);
  return Math.max(1, max);
}
