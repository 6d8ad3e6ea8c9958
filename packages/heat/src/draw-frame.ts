import { reachFromBands } from '@heatlens/schema/reach';
import { heatMax, heatPoints, type ElementBox, type FramePoints } from './heat-points.js';
import type { HeatSurface } from './heat-surface.js';
import type { MixedSnapshot } from './mix-widths.js';
import { heatAlpha, heatIndex, type Palette } from './palette.js';
import { rootBox, type Layout, type Rect } from './project.js';
import { hoverBox } from './hover-box.js';
import { placeElementLabels } from './element-labels.js';
import { reachLabel } from './map-labels.js';
import { reachDepth } from './scroll-reach.js';
import { DEFAULT_RADIUS, type HeatStyle } from './style.js';
import { tupleRun } from './tile-run.js';

/** What one frame needs: the label canvas's context, the heat surface, today's layout and elements. */
export type Frame = {
  /** full-resolution canvas for lines and labels (already cleared) */
  ctx: CanvasRenderingContext2D;
  /** the low-resolution heat layer (already begun for this frame) */
  surface: HeatSurface;
  /** the heat layer's context, mapped to CSS px (the scroll map's shading goes there) */
  heat: CanvasRenderingContext2D | null;
  palette: Palette;
  layout: Layout;
  /** the scroll root is the document's own scroller (its box is the viewport) */
  documentRoot: boolean;
  /** device pixels per CSS px of the canvas */
  dpr: number;
  /** the map; under "All widths" the viewer's width's tiles with every width's elements (`mixWidths`) */
  snapshot: MixedSnapshot;
  settings: HeatStyle;
  /** the snapshot's elements found in today's DOM, with their boxes this frame (clicks) */
  boxes: readonly ElementBox[];
  /** viewport rects of the boxes the page pins now under the fixed layer (`PinnedBoxes`); none: all drawn */
  pinned?: readonly Rect[] | undefined;
  /** scroll maps: the fold's depth below the root's content top, CSS px; default the root's visible height */
  fold?: number | undefined;
  /**
   * height the canvas shows, CSS px from the top: outlines and labels below it are left out; default
   * the layout's `viewHeight` (the overlay's viewport). The dashboard draws the whole captured page,
   * taller than the first screen its layout pins the fixed layer to.
   */
  drawnHeight?: number | undefined;
  /**
   * click maps without `settings.counts`: the pointer, viewport CSS px; only the element under it
   * is outlined and labelled (labels on every element cover the page's text)
   */
  hover?: { x: number; y: number } | null | undefined;
};

/**
 * Draw one frame on the viewport-sized canvas (already cleared). Move and click maps: a smooth
 * heat surface of the page tiles (in the scroll root's space, clipped to its box), the fixed layer
 * (pinned to the viewport) and, for clicks, each resolved element's heat inside its box with its
 * count. Scroll maps: reach by depth, the 25/50/75 % lines and the fold. Returns the kernel
 * centres drawn (null for a scroll map), so the legend can keep off them.
 */
export function drawFrame(f: Frame): FramePoints | null {
  const { ctx, layout: l } = f;
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  if (f.snapshot.kind === 'scroll') {
    drawScrollMap(f);
    return null;
  }
  const radius = f.settings.radius ?? DEFAULT_RADIUS;
  const margin = radius * 1.75;
  const { page, free, elements } = heatPoints(f.snapshot, l, f.boxes, margin, f.pinned);
  const o = { radius, opacity: f.settings.opacity, max: heatMax(f.snapshot) };
  // The document's scroller fills the viewport: one layer. An inner scroller's page heat is
  // clipped to its box; fixed heat is not; an element's clicks stay inside its box.
  const clicks = { points: elements, clip: f.boxes.filter((b) => !b.hidden).map((b) => b.rect) };
  f.surface.draw(
    f.documentRoot
      ? [{ points: page.concat(free) }, clicks]
      : [{ points: page, clip: rootBox(l) }, { points: free }, clicks],
    o,
  );
  if (f.snapshot.kind === 'click') {
    const under = !f.settings.counts && f.hover ? hoverBox(f.boxes, f.hover.x, f.hover.y) : null;
    const drawn = f.drawnHeight ?? l.viewHeight;
    if (f.settings.counts) drawCounts(ctx, f.boxes, drawn);
    else if (under) drawCounts(ctx, [under], drawn);
  }
  return { page, free, elements };
}

const LABEL_FONT = '600 12px system-ui, sans-serif';

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.font = LABEL_FONT;
  const w = ctx.measureText(text).width + 10;
  ctx.fillStyle = 'rgba(17, 24, 39, 0.85)';
  ctx.fillRect(x, y - 9, w, 18);
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 5, y);
}

function hline(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  width: number,
  colour: string,
  dash: number[],
): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + width, y);
  ctx.stroke();
  ctx.setLineDash([]);
}

/**
 * The scroll map in the scroll root's space: each depth band (a fraction of the root's content
 * height) shaded by the share of sessions that reached it, as one smooth vertical gradient; the
 * 25/50/75 % reach lines; the fold (the root's visible height, at the owner's viewport).
 */
function drawScrollMap(f: Frame): void {
  const { ctx, layout: l } = f;
  const grid = f.snapshot.grid;
  const reach = reachFromBands(tupleRun(f.snapshot.tiles), grid);
  const top = l.rootTop - l.scrollY;
  const box = rootBox(l);
  const heat = f.heat;
  if (heat && grid > 0 && l.docHeight > 0) {
    const gradient = heat.createLinearGradient(0, top, 0, top + l.docHeight);
    for (let b = 0; b < grid; b++) {
      const i = heatIndex(reach[b]!, 1);
      const a = heatAlpha(i, f.settings.opacity) / 255;
      const c = f.palette;
      gradient.addColorStop((b + 0.5) / grid, `rgba(${c[i * 4]},${c[i * 4 + 1]},${c[i * 4 + 2]},${a})`);
    }
    heat.fillStyle = gradient;
    heat.fillRect(box.x, box.y, box.w, box.h);
  }
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  for (const share of [0.75, 0.5, 0.25]) {
    const depth = reachDepth(reach, share);
    if (depth === null) continue;
    const y = top + depth * l.docHeight;
    if (y < box.y - 10 || y > box.y + box.h + 10) continue;
    hline(ctx, box.x, y, box.w, '#111827', [6, 4]);
    label(ctx, reachLabel(share), box.x + 8, y);
  }
  // The fold: what a visitor sees without scrolling, at the owner's viewport height.
  const fold = top + (f.fold ?? l.rootHeight);
  if (fold >= box.y && fold <= box.y + box.h) {
    hline(ctx, box.x, fold - 1, box.w, '#dc2626', []);
    label(ctx, 'fold', box.x + box.w - 48, fold - 12);
  }
  ctx.restore();
}

/**
 * Outline and count of each resolved element in view: the count is the snapshot's (width-filtered);
 * labels that would overlap are shortened or left out (`placeElementLabels`).
 */
function drawCounts(ctx: CanvasRenderingContext2D, boxes: readonly ElementBox[], viewHeight: number): void {
  for (const b of boxes) {
    const r = b.rect;
    if (b.hidden || r.y + r.h < 0 || r.y > viewHeight || r.w === 0) continue;
    ctx.strokeStyle = 'rgba(220, 38, 38, 0.9)';
    ctx.lineWidth = 2;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
  }
  ctx.font = LABEL_FONT;
  for (const l of placeElementLabels(boxes, viewHeight, (t) => ctx.measureText(t).width)) label(ctx, l.text, l.x, l.y);
}
