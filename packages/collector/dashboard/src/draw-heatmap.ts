import { drawFrame } from '@heatlens/heat/draw-frame';
import { createHeatSurface, type HeatSurface } from '@heatlens/heat/heat-surface';
import { readPalette, type Palette } from '@heatlens/heat/palette';
import { DEFAULT_RADIUS, type HeatStyle } from '@heatlens/heat/style';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { elementBoxes, layoutOf, type PageGeometry } from './page-geometry.js';

/** How the dashboard draws heat: the overlay's defaults (opacity 0.6, counts on clicks, radius 16). */
export const DASHBOARD_STYLE: HeatStyle = { opacity: 0.6, counts: true, radius: DEFAULT_RADIUS };

/** The two layers of a page view: heat at a quarter of CSS px, lines and labels at display resolution. */
export type HeatCanvases = { heat: HTMLCanvasElement; labels: HTMLCanvasElement };

/** Draws snapshots on a pair of canvases with `@heatlens/heat`, the overlay's renderer. */
export type HeatDrawer = {
  /**
   * Draw `snap` over page geometry `g`; `scale` is device px of the labels canvas per page px
   * (zoom times `devicePixelRatio`). The heat canvas is always page size at `SURFACE_SCALE`; CSS
   * stretches both over the picture.
   */
  draw(snap: SnapshotMessage, g: PageGeometry, scale: number): void;
};

/** Read the palette once (a 256 x 1 gradient) and keep one heat surface for the canvases. */
export function createHeatDrawer(c: HeatCanvases, style: HeatStyle = DASHBOARD_STYLE): HeatDrawer {
  const paletteCanvas = document.createElement('canvas');
  paletteCanvas.width = 256;
  paletteCanvas.height = 1;
  const pctx = paletteCanvas.getContext('2d', { willReadFrequently: true });
  const palette: Palette | null = pctx ? readPalette(pctx) : null;
  const surface: HeatSurface | null = palette ? createHeatSurface(c.heat, palette) : null;
  const ctx = c.labels.getContext('2d');
  return {
    draw(snap, g, scale) {
      const w = Math.max(1, Math.round(g.width * scale));
      const h = Math.max(1, Math.round(g.height * scale));
      if (c.labels.width !== w || c.labels.height !== h) {
        c.labels.width = w;
        c.labels.height = h;
      }
      if (!ctx || !surface || !palette) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const heat = surface.begin({ w: g.width, h: g.height });
      if (!(snap.grid > 0)) return;
      drawFrame({
        ctx,
        surface,
        heat,
        palette,
        layout: layoutOf(g),
        documentRoot: true,
        dpr: scale,
        snapshot: snap,
        settings: style,
        boxes: snap.kind === 'click' ? elementBoxes(snap, g) : [],
        fold: g.viewHeight,
        drawnHeight: g.height,
      });
    },
  };
}
