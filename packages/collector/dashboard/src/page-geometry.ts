import type { ElementBox } from '@heatlens/heat/heat-points';
import type { Layout } from '@heatlens/heat/project';
import type { Heatmap } from '@heatlens/schema/live';
import type { Capture, CaptureElement } from './capture-api.js';

/**
 * Page width (CSS px) a width segment is drawn at without a capture: tiles are columns of the
 * page's width but rows of absolute page px (layout v2), so a page shape needs a width. The
 * segment's typical viewport: a phone, a small laptop, a desktop.
 */
export const SEGMENT_WIDTH: Record<Heatmap['seg'], number> = { s: 390, m: 1024, l: 1280, all: 1280 };

/** Viewport height (CSS px) of the fold and the fixed layer's bottom rows, when a capture does not say. */
export const FIXED_VIEW_HEIGHT = 800;

/** Tallest page drawn without a capture, CSS px. */
export const MAX_PAGE_HEIGHT = 8000;

/**
 * Where the page view draws: a page of `width` x `height` CSS px seen whole (scroll 0, the
 * document as scroll root), its first screen `viewHeight` tall, and the capture's named elements.
 */
export type PageGeometry = {
  width: number;
  height: number;
  viewHeight: number;
  elements: readonly CaptureElement[];
  /** the capture drawn under the heat; none: today's grey page */
  capture?: Capture | undefined;
};

/** The geometry of a capture, or without one a page of the segment's width as tall as the rows in use. */
export function geometryOf(
  capture: Capture | undefined,
  snap: Pick<Heatmap, 'seg' | 'rows' | 'rowPx' | 'kind'>,
): PageGeometry {
  if (capture) {
    const viewHeight = Math.min(capture.height, FIXED_VIEW_HEIGHT);
    return { width: capture.width, height: capture.height, viewHeight, elements: capture.elements, capture };
  }
  const width = SEGMENT_WIDTH[snap.seg] ?? 1280;
  const rows = snap.kind === 'scroll' ? 0 : (snap.rows || 0) * (snap.rowPx || 20);
  const height = Math.round(Math.min(MAX_PAGE_HEIGHT, Math.max(FIXED_VIEW_HEIGHT * 1.5, rows + 40)));
  return { width, height, viewHeight: FIXED_VIEW_HEIGHT, elements: [] };
}

/** The shared renderer's layout of a geometry: the whole page in view, fixed rows against the first screen. */
export function layoutOf(g: PageGeometry): Layout {
  return {
    rootLeft: 0,
    rootTop: 0,
    rootWidth: g.width,
    rootHeight: g.height,
    scrollX: 0,
    scrollY: 0,
    docWidth: g.width,
    docHeight: g.height,
    viewWidth: g.width,
    viewHeight: g.viewHeight,
  };
}

/**
 * The snapshot's elements placed in their recorded boxes (matched by selector): a fixed one is
 * tiled in the fixed layer, where it sat at the top of the picture. Elements the capture does not
 * know keep their clicks in the tiles.
 */
export function elementBoxes(snap: Pick<Heatmap, 'elements'>, g: PageGeometry): ElementBox[] {
  const bySel = new Map(g.elements.map((e) => [e.sel, e]));
  const out: ElementBox[] = [];
  for (const e of snap.elements ?? []) {
    const c = bySel.get(e.sel);
    if (!c) continue;
    const [x, y, w, h] = c.box;
    // Not rendered when the page was captured (a collapsed menu's link, an empty box): its clicks
    // are its own, counted and drawn nowhere (heat-points.ts `tileWeights` takes them off the tiles).
    const unrendered = !(w > 0 && h > 0);
    out.push({
      sel: e.sel,
      count: e.count,
      points: e.points,
      rect: { x, y, w, h },
      ...(unrendered ? { hidden: true, unrendered: true } : c.fixed ? { pin: 'fixed' } : {}),
      // The capture's name, as "Most clicked" says it; else the selector, as that list falls back to.
      name: c.name || e.sel,
    });
  }
  return out;
}

/** The named element under a page point (the smallest box holding it), for the hover card. */
export function elementAt(g: PageGeometry, x: number, y: number): CaptureElement | undefined {
  let best: CaptureElement | undefined;
  for (const e of g.elements) {
    const [ex, ey, w, h] = e.box;
    if (!(w > 0 && h > 0)) continue; // not rendered when captured
    if (x < ex || y < ey || x > ex + w || y > ey + h) continue;
    if (!best || w * h < best.box[2] * best.box[3]) best = e;
  }
  return best;
}
