import { drawFrame } from '@heatlens/heat/draw-frame';
import type { ElementBox } from '@heatlens/heat/heat-points';
import { createHeatSurface } from '@heatlens/heat/heat-surface';
import { hoverBox } from '@heatlens/heat/hover-box';
import { cornerHeat, placeLegend, type LegendPlace } from '@heatlens/heat/legend-place';
import type { MixedSnapshot } from '@heatlens/heat/mix-widths';
import { readPalette, type Palette } from '@heatlens/heat/palette';
import { rootBox } from '@heatlens/heat/project';
import type { OverlaySettings } from '../settings.js';
import type { ElementBoxes } from './element-boxes.js';
import { measureLayout } from './measure-layout.js';
import type { OverlayHost } from './overlay-host.js';
import type { PinnedBoxes } from './pinned-boxes.js';

/** What a frame draws: the map and its settings, where the page scrolls, and the pointer (viewport px). */
export type PaintState = {
  snapshot: MixedSnapshot | null;
  settings: OverlaySettings | null;
  scrollRoot: Element;
  documentRoot: boolean;
  pointer: { x: number; y: number } | null;
};

/** Draws frames on the overlay's canvases; keeps what the pointer's hit test needs of the last one. */
export type Painter = {
  /** draw one frame now; true when selectors are still pending (draw again on the next frame) */
  paint(ctx: CanvasRenderingContext2D, s: PaintState): boolean;
  /** the element boxes of the last frame */
  boxes(): readonly ElementBox[];
  /** the element under the pointer in the last frame */
  hovered(): ElementBox | null;
};

/**
 * The overlay's frame: reads first (layout, element boxes), then writes (canvases, legend place),
 * so a frame costs one layout. The palette is read once, from a 256 x 1 gradient.
 */
export function createPainter(win: Window, parts: OverlayHost, elements: ElementBoxes, pinned: PinnedBoxes): Painter {
  const { canvas, labels, legend } = parts;
  const paletteCanvas = win.document.createElement('canvas');
  paletteCanvas.width = 256;
  paletteCanvas.height = 1;
  const paletteCtx = paletteCanvas.getContext('2d', { willReadFrequently: true });
  const palette: Palette | null = paletteCtx ? readPalette(paletteCtx) : null;
  const surface = palette ? createHeatSurface(canvas, palette) : null;
  let labelled = true;
  let place: LegendPlace | undefined;
  let lastBoxes: readonly ElementBox[] = [];
  let hovered: ElementBox | null = null;

  const paint = (ctx: CanvasRenderingContext2D, s: PaintState): boolean => {
    const started = performance.now();
    const { snapshot, settings, pointer } = s;
    const clicks = snapshot?.kind === 'click';
    // Selectors are resolved once per snapshot, a few per frame at most (a time budget).
    const more = clicks && elements.resolve();
    const l = measureLayout(win, s.scrollRoot);
    const boxes = clicks ? elements.boxes(s.scrollRoot, rootBox(l)) : [];
    const dpr = win.devicePixelRatio || 1;
    const w = Math.round(l.viewWidth * dpr);
    const h = Math.round(l.viewHeight * dpr);
    if (labels.width !== w || labels.height !== h) {
      labels.width = w;
      labels.height = h;
    } else if (labelled) {
      // Clearing a full-resolution canvas costs: only when the last frame drew lines or labels.
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
    }
    lastBoxes = boxes;
    hovered = pointer ? hoverBox(boxes, pointer.x, pointer.y) : null;
    labelled =
      snapshot?.kind === 'scroll' || (clicks && (Boolean(settings?.counts) || hovered !== null) && boxes.length > 0);
    const heat = surface?.begin({ w: l.viewWidth, h: l.viewHeight }) ?? null;
    if (snapshot && settings && palette && surface && snapshot.grid > 0) {
      const drawn = drawFrame({
        ctx,
        surface,
        heat,
        palette,
        layout: l,
        documentRoot: s.documentRoot,
        dpr,
        snapshot,
        settings,
        boxes,
        hover: pointer,
        pinned: snapshot.kind !== 'scroll' && snapshot.fixed?.length ? pinned.rects() : undefined,
      });
      // Off the heat in view: no layout read, only what this frame drew.
      place = placeLegend(
        cornerHeat(drawn ? [drawn.page, drawn.free, drawn.elements] : [], boxes, l.viewWidth, l.viewHeight),
        place,
      );
      legend.place(place);
    }
    // Kept on the canvas, inside the shadow root (no page observer sees it), for the frame-time benchmark.
    canvas.dataset.frameMs = (performance.now() - started).toFixed(3);
    return more;
  };
  return { paint, boxes: () => lastBoxes, hovered: () => hovered };
}
