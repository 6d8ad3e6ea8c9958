import { HEAT_STOPS } from '@heatlens/heat/palette';
import type { PageGeometry } from './page-geometry.js';

/** What the exported picture's legend says. */
export type PngLegend = {
  site: string;
  page: string;
  /** e.g. `Clicks` */
  map: string;
  /** e.g. `last 5 minutes` */
  window: string;
  /** e.g. `width l` or `all widths (tiles of width l, the picture's)` */
  seg: string;
  samples: string;
  /** the scale, e.g. `1 → 12 per tile` */
  scale: string;
  date: Date;
};

/** Height of the legend band above the picture, px. */
export const LEGEND_HEIGHT = 96;

/** Fit `text` into `max` px with an ellipsis. */
function fitText(ctx: CanvasRenderingContext2D, text: string, max: number): string {
  if (ctx.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > max) t = t.slice(0, -1);
  return `${t}…`;
}

/** Draw the legend band (white, text lines, the heat ramp) at the top of `ctx`, `width` px wide. */
export function drawPngLegend(ctx: CanvasRenderingContext2D, width: number, l: PngLegend): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, LEGEND_HEIGHT);
  const max = width - 16;
  ctx.fillStyle = '#111827';
  ctx.textBaseline = 'top';
  ctx.font = '600 14px system-ui, sans-serif';
  ctx.fillText(fitText(ctx, `${l.site} · ${l.page}`, max), 8, 8);
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillText(fitText(ctx, `${l.map} · ${l.window} · ${l.seg}`, max), 8, 28);
  ctx.fillText(
    fitText(ctx, `${l.samples} samples · ${l.date.toISOString().slice(0, 16).replace('T', ' ')} UTC`, max),
    8,
    46,
  );
  const bar = ctx.createLinearGradient(8, 0, 8 + Math.min(200, max), 0);
  for (const [at, c] of HEAT_STOPS) bar.addColorStop(at, c);
  ctx.fillStyle = bar;
  ctx.fillRect(8, 68, Math.min(200, max), 8);
  ctx.fillStyle = '#4b5563';
  ctx.font = '12px system-ui, sans-serif';
  if (max > 300) ctx.fillText(fitText(ctx, l.scale, max - 216), 216, 66);
}

/**
 * The composed view as one canvas at page px: the legend band, then the capture (or the grey
 * page), the heat layer and the labels layer stretched over it.
 */
export function composeView(
  g: PageGeometry,
  layers: { image?: HTMLImageElement | undefined; heat: HTMLCanvasElement; labels: HTMLCanvasElement },
  legend: PngLegend,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = g.width;
  canvas.height = g.height + LEGEND_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Download PNG: this browser gave no 2D canvas');
  drawPngLegend(ctx, g.width, legend);
  const y = LEGEND_HEIGHT;
  ctx.fillStyle = '#f4f4f0';
  ctx.fillRect(0, y, g.width, g.height);
  if (layers.image) ctx.drawImage(layers.image, 0, y, g.width, g.height);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(layers.heat, 0, y, g.width, g.height);
  ctx.drawImage(layers.labels, 0, y, g.width, g.height);
  return canvas;
}

/** Encode a canvas as PNG (`canvas.toBlob`) and download it as `name`. Rejects when encoding fails. */
export async function downloadPng(canvas: HTMLCanvasElement, name: string): Promise<Blob> {
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
  if (!blob || blob.size === 0) throw new Error('Download PNG: the picture could not be encoded');
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return blob;
}

/** A file name for the export: `heatlens-<site>-<page>-<map>-<date>.png`, safe characters only. */
export function pngName(l: Pick<PngLegend, 'site' | 'page' | 'map' | 'date'>): string {
  const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'root';
  const day = l.date.toISOString().slice(0, 10);
  return `heatlens-${slug(l.site)}-${slug(l.page)}-${slug(l.map).toLowerCase()}-${day}.png`;
}
