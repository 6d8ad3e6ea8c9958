import { fieldFor, kernelFor, renderHeat, type Field, type Kernel } from './heat-kernel.js';
import type { HeatPoint } from './heat-points.js';
import type { Palette } from './palette.js';
import type { Rect } from './project.js';

/** How the surface draws: kernel size and the overlay's opacity. */
export type SurfaceOptions = {
  /** kernel radius in CSS px (see `kernelFor`) */
  radius: number;
  /** 0..1, the whole surface's opacity */
  opacity: number;
  /** colour relative to this count (the hottest tile) */
  max: number;
};

/**
 * Heat is computed at this fraction of CSS px: a sixteenth of the pixels (a kernel's radius is
 * never below ~6 CSS px, so nothing of it is lost), and the browser's compositor scales the heat
 * canvas up to the viewport, off the main thread (a 4x `drawImage` upscale of a full viewport in
 * Chromium's software canvas measured 3.7-6.6 ms by itself).
 */
export const SURFACE_SCALE = 0.25;

/** Points in viewport CSS px, optionally clipped to a viewport rectangle (or a union of them). */
export type SurfaceLayer = { points: HeatPoint[]; clip?: Rect | readonly Rect[] };

/** The heat layer of the overlay: a low-resolution canvas the page's compositor stretches. */
export type HeatSurface = {
  /** size the canvas for a viewport (CSS px) and clear it; returns its context, mapped to CSS px */
  begin(view: { w: number; h: number }): CanvasRenderingContext2D | null;
  /** render layers of points as one smooth surface (`renderHeat`) and put it on the canvas */
  draw(layers: SurfaceLayer[], o: SurfaceOptions): void;
};

/**
 * The overlay's smooth heat on `canvas` (styled to cover the viewport), its backing store at
 * `scale` of CSS px.
 */
export function createHeatSurface(canvas: HTMLCanvasElement, palette: Palette, scale = SURFACE_SCALE): HeatSurface {
  const ctx = canvas.getContext('2d');
  let image: ImageData | null = null;
  let kernel: Kernel | null = null;
  let radius = -1;
  let field: Field | undefined;
  return {
    begin(view) {
      if (!ctx) return null;
      const w = Math.max(1, Math.ceil(view.w * scale));
      const h = Math.max(1, Math.ceil(view.h * scale));
      if (canvas.width !== w || canvas.height !== h || !image) {
        canvas.width = w;
        canvas.height = h;
        image = ctx.createImageData(w, h);
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      ctx.setTransform(scale, 0, 0, scale, 0, 0);
      return ctx;
    },
    draw(layers, o) {
      if (!ctx || !image || layers.every((l) => l.points.length === 0)) return;
      const { width: w, height: h } = image;
      if (o.radius !== radius || !kernel) {
        radius = o.radius;
        kernel = kernelFor(radius, scale);
      }
      field = fieldFor(w, h, kernel, field);
      renderHeat(image.data, w, h, layers, o.max, kernel, field, palette, o.opacity, undefined, scale);
      ctx.putImageData(image, 0, 0);
    },
  };
}
