import { ELEMENT_GRID, GRID, MAX_ROWS, ROW_PX, type Segment } from './constants.js';

/**
 * Tile index of a coordinate along one axis: `floor(grid * pos / size)`, clamped to `0..grid-1`.
 * Layout v2 uses it for columns: `tx = tileOf(x, w)` with `x` in page px of the scroll root and `w`
 * its width (and for the fixed layer, `cx` against the viewport width).
 */
export function tileOf(pos: number, size: number, grid: number = GRID): number {
  if (!(size > 0)) return 0;
  const t = Math.floor((grid * pos) / size);
  return t < 0 ? 0 : t >= grid ? grid - 1 : t;
}

/**
 * Row of a page y in layout v2: `floor(y / rowPx)`, clamped to `0..MAX_ROWS-1` (a point deeper than
 * `MAX_DEPTH_PX` lands in the last row). Rows are absolute page px, so an element's row does not
 * change when the page grows below it or (on a centred max-width layout) with the window width.
 */
export function rowOf(y: number, rowPx: number = ROW_PX): number {
  const r = Math.floor(y / rowPx);
  return r > 0 ? (r < MAX_ROWS ? r : MAX_ROWS - 1) : 0;
}

/**
 * Row of a point in the fixed layer (viewport space), counted from the nearer viewport edge so a
 * header at the top and a chat button at the bottom stay put for any viewport height: `cy` in the
 * top half gives `floor(cy / rowPx)` (0, 1, ...); in the bottom half `-1 - floor((vh - cy) / rowPx)`
 * (-1 is the row touching the bottom edge). `cy` and `vh` are viewport CSS px.
 */
export function fixedRowOf(cy: number, vh: number, rowPx: number = ROW_PX): number {
  const max = Math.ceil(vh / rowPx);
  if (!(vh > 0) || cy < vh / 2) return Math.min(max, Math.max(0, Math.floor(cy / rowPx)));
  return -1 - Math.min(max, Math.max(0, Math.floor((vh - cy) / rowPx)));
}

/** Top of a fixed-layer row in viewport px for a viewport of height `vh` (inverse of `fixedRowOf`). */
export function fixedRowTop(ty: number, vh: number, rowPx: number = ROW_PX): number {
  return ty >= 0 ? ty * rowPx : vh + ty * rowPx;
}

/** Cell (0..ELEMENT_GRID-1) of a click's `ex` or `ey` (0..1) inside its element. */
export function elementCell(f: number): number {
  return tileOf(f, 1, ELEMENT_GRID);
}

/** Width segment of a viewport width in CSS px: s < 768 <= m < 1200 <= l. */
export function segmentOf(viewportWidth: number): Segment {
  return viewportWidth < 768 ? 's' : viewportWidth < 1200 ? 'm' : 'l';
}

/** Scroll-depth band (0..grid-1) of a depth in percent (0..100). */
export function depthBand(depth: number, grid: number = GRID): number {
  return tileOf(depth, 100, grid);
}
