import simpleheat from 'simpleheat';
import type { HeatPoint } from './heat-points.js';
import { HEAT_STOPS } from './palette.js';
import type { Rect } from './project.js';

/** How the surface draws: kernel size and the overlay's opacity. */
export type SurfaceOptions = {
  /** kernel radius in CSS px (the blur adds 0.75 of it); default `DEFAULT_RADIUS` */
  radius: number;
  /** 0..1, the whole surface's opacity */
  opacity: number;
  /** colour relative to this count (the hottest tile) */
  max: number;
};

/** Heat is rendered at this fraction of CSS px and scaled up: a quarter of the pixels to colourise. */
export const SURFACE_SCALE = 0.5;

/** Faintest kernel weight: a single sample among thousands still shows (simpleheat's default). */
const MIN_OPACITY = 0.05;

/** simpleheat's gradient object from the overlay's palette stops, so legend and heat agree. */
const GRADIENT: Record<number, string> = Object.fromEntries(HEAT_STOPS.map(([at, c]) => [at, c]));

/** A heat surface bound to one document: `draw` renders points and composites them onto `ctx`. */
export type HeatSurface = {
  /**
   * Render `points` (viewport CSS px) as a smooth surface and draw it on `ctx` (whose transform maps
   * CSS px), clipped to `clip` when given. Cost follows the viewport's area and the visible points.
   */
  draw(ctx: CanvasRenderingContext2D, points: HeatPoint[], view: { w: number; h: number }, o: SurfaceOptions, clip?: Rect): void;
};

/**
 * The smooth heat of the overlay: simpleheat's algorithm (a blurred grey kernel per point, its
 * alpha summed, then coloured through a 256-entry palette) on an offscreen canvas at
 * `SURFACE_SCALE` of the viewport, scaled up with smoothing when composited.
 * [mourner/simpleheat]
 */
export function createHeatSurface(doc: Document, scale = SURFACE_SCALE): HeatSurface {
  const canvas = doc.createElement('canvas');
  // Asked first, so simpleheat's own getContext('2d') gets this context: it reads pixels every draw.
  // Without a 2D context (a test DOM) there is nothing to draw on: the surface draws nothing.
  const heat = canvas.getContext('2d', { willReadFrequently: true }) ? simpleheat(canvas).gradient(GRADIENT) : null;
  let radius = -1;
  const scaled: HeatPoint[] = [];
  return {
    draw(ctx, points, view, o, clip) {
      if (!heat || points.length === 0) return;
      const w = Math.max(1, Math.ceil(view.w * scale));
      const h = Math.max(1, Math.ceil(view.h * scale));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
        heat.resize();
      }
      if (o.radius !== radius) {
        radius = o.radius;
        heat.radius(Math.max(1, radius * scale), Math.max(1, radius * 0.75 * scale));
      }
      scaled.length = 0;
      for (const [x, y, n] of points) scaled.push([x * scale, y * scale, n]);
      heat.data(scaled).max(o.max).draw(MIN_OPACITY);
      ctx.save();
      if (clip) {
        ctx.beginPath();
        ctx.rect(clip.x, clip.y, clip.w, clip.h);
        ctx.clip();
      }
      ctx.globalAlpha = o.opacity;
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(canvas, 0, 0, w, h, 0, 0, w / scale, h / scale);
      ctx.restore();
    },
  };
}
