import { fixedRowTop } from '@heatlens/schema/tiles';

/**
 * Today's layout, as the overlay sees it when it draws (all CSS px). Page tiles live in the scroll
 * root's content space (the document, or an app shell's inner scroller: `findScrollRoot`); the
 * fixed layer lives in the viewport.
 */
export type Layout = {
  /** viewport position of the scroll root's content origin at scroll 0 (its padding box's top-left) */
  rootLeft: number;
  rootTop: number;
  /** the scroll root's visible box (`clientWidth`, `clientHeight`): page heat is clipped to it */
  rootWidth: number;
  rootHeight: number;
  /** the scroll root's scroll offset (`scrollLeft`, `scrollTop`; the window's for the document) */
  scrollX: number;
  scrollY: number;
  /** the scroll root's content size (`scrollWidth`, `scrollHeight`): columns are fractions of its width */
  docWidth: number;
  docHeight: number;
  /** viewport size */
  viewWidth: number;
  viewHeight: number;
};

/** A rectangle in viewport CSS px. */
export type Rect = { x: number; y: number; w: number; h: number };

/** A point in viewport CSS px. */
export type Point = { x: number; y: number };

/**
 * Viewport centre of page tile (tx, ty) of layout v2: column `tx` of `grid` across the scroll
 * root's content width, row `ty` of `rowPx` page px, moved by the root's box and scroll offset.
 */
export function pageTileCentre(tx: number, ty: number, grid: number, rowPx: number, l: Layout): Point {
  return {
    x: l.rootLeft + ((tx + 0.5) * l.docWidth) / grid - l.scrollX,
    y: l.rootTop + (ty + 0.5) * rowPx - l.scrollY,
  };
}

/**
 * Viewport centre of fixed-layer tile (tx, ty): columns across the viewport width, rows from the
 * top edge (`ty >= 0`) or the bottom edge (`ty < 0`), see `fixedRowTop`. Scrolling never moves it.
 */
export function fixedTileCentre(tx: number, ty: number, grid: number, rowPx: number, l: Layout): Point {
  return { x: ((tx + 0.5) * l.viewWidth) / grid, y: fixedRowTop(ty, l.viewHeight, rowPx) + rowPx / 2 };
}

/** The scroll root's visible box in viewport px: where page heat may be drawn. */
export function rootBox(l: Layout): Rect {
  return { x: l.rootLeft, y: l.rootTop, w: l.rootWidth, h: l.rootHeight };
}

/** True when a point lies inside a rectangle grown by `margin` on every side. */
export function inside(p: Point, r: Rect, margin = 0): boolean {
  return p.x >= r.x - margin && p.x <= r.x + r.w + margin && p.y >= r.y - margin && p.y <= r.y + r.h + margin;
}

/**
 * Rows of the page layer (inclusive) that can reach the scroll root's visible box, with `margin`
 * px of kernel spill above and below, or null when none: the frame's work follows the viewport,
 * not the page's height.
 */
export function visibleRows(l: Layout, rowPx: number, margin: number): [number, number] | null {
  if (!(rowPx > 0) || l.rootHeight <= 0) return null;
  const first = Math.max(0, Math.floor((l.scrollY - margin) / rowPx));
  const last = Math.floor((l.scrollY + l.rootHeight + margin) / rowPx);
  return first <= last ? [first, last] : null;
}
