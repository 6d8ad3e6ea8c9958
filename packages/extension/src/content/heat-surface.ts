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
 * Heat is computed at this fraction of CSS px and scaled up with smoothing: a sixteenth of the
 * pixels, and a kernel's radius is never below ~10 CSS px, so nothing of it is lost.
 */
export const SURFACE_SCALE = 0.25;

/** A heat surface bound to one document: `draw` renders points and composites them onto `ctx`. */
export type HeatSurface = {
  /**
   * Render `points` (viewport CSS px) as a smooth surface and draw it on `ctx` (whose transform maps
   * CSS px), clipped to `clip` when given. Cost follows the viewport's area and the visible points.
   */
  draw(ctx: CanvasRenderingContext2D, points: HeatPoint[], view: { w: number; h: number }, o: SurfaceOptions, clip?: Rect): void;
};

/**
 * The overlay's smooth heat (`renderHeat`) on an offscreen canvas at `SURFACE_SCALE` of the
 * viewport, composited onto the overlay's canvas scaled up, at the overlay's opacity.
 */
export function createHeatSurface(doc: Document, palette: Palette, scale = SURFACE_SCALE): HeatSurface {
  const canvas = doc.createElement('canvas');
  const ctx2 = canvas.getContext('2d');
  let image: ImageData | null = null;
  let kernel: Kernel | null = null;
  let radius = -1;
  let field: Field | undefined;
  const scaled: HeatPoint[] = [];
  return {
    draw(ctx, points, view, o, clip) {
      if (!ctx2 || points.length === 0) return;
      const w = Math.max(1, Math.ceil(view.w * scale));
      const h = Math.max(1, Math.ceil(view.h * scale));
      if (canvas.width !== w || canvas.height !== h || !image) {
        canvas.width = w;
        canvas.height = h;
        image = ctx2.createImageData(w, h);
      }
      if (o.radius !== radius || !kernel) {
        radius = o.radius;
        kernel = kernelFor(radius, scale);
      }
      field = fieldFor(w, h, kernel, field);
      scaled.length = 0;
      for (const [x, y, n] of points) scaled.push([x * scale, y * scale, n]);
      renderHeat(image.data, w, h, scaled, o.max, kernel, field, palette);
      ctx2.putImageData(image, 0, 0);
      ctx.save();
      if (clip) {
        ctx.beginPath();
        ctx.rect(clip.x, clip.y, clip.w, clip.h);
        ctx.clip();
      }
      ctx.globalAlpha = o.opacity;
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'low';
      ctx.drawImage(canvas, 0, 0, w, h, 0, 0, w / scale, h / scale);
      ctx.restore();
    },
  };
}
