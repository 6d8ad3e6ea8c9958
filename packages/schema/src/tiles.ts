import { GRID, type Segment } from './constants.js';

/**
 * Tile index of a page coordinate along one axis: `floor(grid * pos / size)`, clamped to
 * `0..grid-1`. Coordinates are page coordinates (`clientX + scrollX`) against the document
 * size, so tiles stay put on pages that scroll.
 */
export function tileOf(pos: number, size: number, grid: number = GRID): number {
  if (!(size > 0)) return 0;
  const t = Math.floor((grid * pos) / size);
  return t < 0 ? 0 : t >= grid ? grid - 1 : t;
}

/** Width segment of a viewport width in CSS px: s < 768 <= m < 1200 <= l. */
export function segmentOf(viewportWidth: number): Segment {
  return viewportWidth < 768 ? 's' : viewportWidth < 1200 ? 'm' : 'l';
}

/** Scroll-depth band (0..grid-1) of a depth in percent (0..100). */
export function depthBand(depth: number, grid: number = GRID): number {
  return tileOf(depth, 100, grid);
}
