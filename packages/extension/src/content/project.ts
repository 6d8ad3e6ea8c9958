/** Today's layout, as the overlay sees it when it draws. */
export type Layout = {
  /** document size in CSS px (`scrollWidth`, `scrollHeight`): tiles are fractions of it */
  docWidth: number;
  docHeight: number;
  /** page coordinate of the viewport's top-left corner (`scrollX`, `scrollY`) */
  scrollX: number;
  scrollY: number;
  /** viewport size in CSS px */
  viewWidth: number;
  viewHeight: number;
};

/** A rectangle in viewport CSS px. */
export type Rect = { x: number; y: number; w: number; h: number };

/**
 * Where tile (tx, ty) of a `grid`-sided heatmap lies in the viewport today. Tiles are fractions of
 * the document (`tx / grid` of its width), so they follow the page when it scrolls, and stretch
 * with it when it is resized or grows.
 */
export function tileRect(tx: number, ty: number, grid: number, layout: Layout): Rect {
  const w = layout.docWidth / grid;
  const h = layout.docHeight / grid;
  return { x: tx * w - layout.scrollX, y: ty * h - layout.scrollY, w, h };
}

/** True when a rectangle overlaps the viewport. */
export function isVisible(r: Rect, layout: Layout): boolean {
  return r.x < layout.viewWidth && r.y < layout.viewHeight && r.x + r.w > 0 && r.y + r.h > 0;
}

/**
 * The document rectangle of the whole grid in viewport px: drawing the 1-px-per-tile grid image
 * into it maps every tile at once. Pages of any height work: only the viewport-sized canvas is
 * allocated, the destination rectangle is clipped by it.
 */
export function gridRect(layout: Layout): Rect {
  return { x: -layout.scrollX, y: -layout.scrollY, w: layout.docWidth, h: layout.docHeight };
}

/** The band of tiles (inclusive) that overlap the viewport along one axis, or null when none. */
export function visibleRange(scroll: number, view: number, doc: number, grid: number): [number, number] | null {
  if (!(doc > 0) || view <= 0) return null;
  const size = doc / grid;
  const first = Math.max(0, Math.floor(scroll / size));
  const last = Math.min(grid - 1, Math.ceil((scroll + view) / size) - 1);
  return first <= last ? [first, last] : null;
}
