import type { HeatPoint, ElementBox } from './heat-points.js';

/** A viewport corner: bottom-right, bottom-left, top-right, top-left. */
export type LegendCorner = 'br' | 'bl' | 'tr' | 'tl';

/** Where the legend goes: a corner, and whether in its compact form (one short line). */
export type LegendPlace = { corner: LegendCorner; compact: boolean };

/** Corners in the order they are preferred. */
const CORNERS: readonly LegendCorner[] = ['br', 'bl', 'tr', 'tl'];

/** Room the legend takes in its corner, CSS px, margin and a kernel's spill included. */
export const LEGEND_ROOM = { w: 240, h: 120 };

/** Room of the compact legend (one line), margin and a kernel's spill included. */
export const COMPACT_ROOM = { w: 190, h: 48 };

/** Heat under each corner's room (in `CORNERS` order), for the full and the compact legend. */
export type CornerHeat = { full: number[]; compact: number[] };

/**
 * The heat each corner's room would cover this frame, from what the frame already has (no layout
 * read): the kernel centres it draws (page heat, the fixed layer, element cells: a point's weight)
 * and each drawn element box with clicks, its count label above it included (its count: covering
 * a clicked element costs more than covering a tile of the same count).
 */
export function cornerHeat(
  points: readonly (readonly HeatPoint[])[],
  boxes: readonly ElementBox[],
  viewWidth: number,
  viewHeight: number,
): CornerHeat {
  const full = [0, 0, 0, 0];
  const compact = [0, 0, 0, 0];
  const add = (x0: number, y0: number, x1: number, y1: number, n: number) => {
    if (!(n > 0) || x1 < 0 || y1 < 0 || x0 > viewWidth || y0 > viewHeight) return;
    if (y0 > LEGEND_ROOM.h && y1 < viewHeight - LEGEND_ROOM.h) return; // most of the frame: in no room
    for (let c = 0; c < 4; c++) {
      const right = c % 2 === 0;
      const bottom = c < 2;
      if (
        (right ? x1 >= viewWidth - LEGEND_ROOM.w : x0 <= LEGEND_ROOM.w) &&
        (bottom ? y1 >= viewHeight - LEGEND_ROOM.h : y0 <= LEGEND_ROOM.h)
      )
        full[c]! += n;
      if (
        (right ? x1 >= viewWidth - COMPACT_ROOM.w : x0 <= COMPACT_ROOM.w) &&
        (bottom ? y1 >= viewHeight - COMPACT_ROOM.h : y0 <= COMPACT_ROOM.h)
      )
        compact[c]! += n;
    }
  };
  for (const list of points) for (const [x, y, n] of list) add(x, y, x, y, n);
  for (const b of boxes) if (!b.hidden) add(b.rect.x, b.rect.y - 20, b.rect.x + b.rect.w, b.rect.y + b.rect.h, b.count);
  return { full, compact };
}

/**
 * Where the legend goes this frame, given where it was (`last`; default bottom-right): it stays in
 * a corner where it covers no heat; else it moves to the first such corner (bottom-right,
 * bottom-left, top-right, top-left); when every corner covers heat it turns compact in the corner
 * covering least, and leaves a corner only for one covering less than half as much (hysteresis:
 * heat sliding past the corners while the page scrolls never bounces it between them each frame).
 */
export function placeLegend(heat: CornerHeat, last: LegendPlace = { corner: 'br', compact: false }): LegendPlace {
  const at = CORNERS.indexOf(last.corner);
  if (!(heat.full[at]! > 0)) return { corner: last.corner, compact: false };
  const free = heat.full.findIndex((n) => !(n > 0));
  if (free >= 0) return { corner: CORNERS[free]!, compact: false };
  let best = 0;
  for (let c = 1; c < 4; c++) if (heat.compact[c]! < heat.compact[best]!) best = c;
  return { corner: heat.compact[best]! < heat.compact[at]! / 2 ? CORNERS[best]! : last.corner, compact: true };
}
