import type { Heatmap } from '@heatlens/schema/live';
import { reachFromBands } from '@heatlens/schema/reach';
import { fixedRowTop } from '@heatlens/schema/tiles';
import simpleheat from 'simpleheat';

/**
 * Page width (CSS px) the dashboard draws a width segment at: tiles are columns of the page's
 * width but rows of absolute page px (layout v2), so a page shape needs a width. The segment's
 * typical viewport: a phone, a small laptop, a desktop.
 */
export const SEGMENT_WIDTH: Record<Heatmap['seg'], number> = { s: 390, m: 1024, l: 1280, all: 1280 };

/** Viewport height (CSS px) the fixed layer's bottom rows are drawn against. */
export const FIXED_VIEW_HEIGHT = 800;

/** Tallest the heatmap canvas grows to show a long page, in canvas px. */
export const MAX_CANVAS_HEIGHT = 2400;

/** The heat palette, cold to hot: the overlay's and its legend's stops. */
const GRADIENT = { 0: 'blue', 0.25: 'cyan', 0.5: 'lime', 0.75: 'yellow', 1: 'red' };

/**
 * Kernel centres of a move or click snapshot on a canvas `width` px wide showing a page of
 * `pageWidth` CSS px: page tiles at their column and absolute row, the fixed layer (viewport
 * space) over the first screen (rows from the bottom edge against `FIXED_VIEW_HEIGHT`).
 */
export function heatmapPoints(
  snap: Pick<Heatmap, 'grid' | 'rowPx' | 'tiles' | 'fixed'>,
  width: number,
  pageWidth: number,
): Array<[number, number, number]> {
  const grid = snap.grid || 50;
  const rowPx = snap.rowPx || 20;
  const scale = width / pageWidth;
  const col = width / grid;
  const out: Array<[number, number, number]> = [];
  for (const [tx, ty, n] of snap.tiles) out.push([(tx + 0.5) * col, (ty + 0.5) * rowPx * scale, n]);
  for (const [tx, ty, n] of snap.fixed ?? [])
    out.push([(tx + 0.5) * col, (fixedRowTop(ty, FIXED_VIEW_HEIGHT, rowPx) + rowPx / 2) * scale, n]);
  return out;
}

/**
 * Draw a heatmap snapshot on a canvas. Move and click maps: a smooth heat surface (simpleheat: a
 * blurred kernel per tile coloured through the palette, relative to the hottest tile) on a
 * page-shaped grey box as tall as the rows in use; scroll maps draw, per band, the share of
 * sessions that saw at least that deep, with the 25/50/75 % reach lines.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, snap: Heatmap): void {
  const w = canvas.width;
  if (snap.kind !== 'scroll') {
    const pageWidth = SEGMENT_WIDTH[snap.seg] ?? 1280;
    const tall = (snap.rows || 0) * (snap.rowPx || 20) * (w / pageWidth);
    const h = Math.round(Math.min(MAX_CANVAS_HEIGHT, Math.max(500, tall + 40)));
    if (canvas.height !== h) canvas.height = h;
  } else if (canvas.height !== 500) canvas.height = 500;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const hgt = canvas.height;
  ctx.clearRect(0, 0, w, hgt);
  ctx.fillStyle = '#f4f4f0';
  ctx.fillRect(0, 0, w, hgt);
  const grid = snap.grid || 50;
  if (snap.kind === 'scroll') {
    drawReach(ctx, snap, w, hgt / grid, grid);
    return;
  }
  const points = heatmapPoints(snap, w, SEGMENT_WIDTH[snap.seg] ?? 1280);
  if (points.length === 0) return;
  const layer = document.createElement('canvas');
  layer.width = w;
  layer.height = hgt;
  const col = w / grid;
  simpleheat(layer)
    .gradient(GRADIENT)
    .radius(col, col * 0.75)
    .max(Math.max(1, snap.max))
    .data(points)
    .draw(0.05);
  ctx.drawImage(layer, 0, 0);
}

function drawReach(ctx: CanvasRenderingContext2D, snap: Heatmap, w: number, ch: number, grid: number): void {
  const reach = reachFromBands(snap.tiles, grid);
  if (!reach[0]) return;
  reach.forEach((share, b) => {
    ctx.fillStyle = `hsla(${120 * share}, 80%, 45%, 0.85)`;
    ctx.fillRect(0, b * ch, w * share, Math.ceil(ch));
  });
  ctx.strokeStyle = '#1d2433';
  ctx.fillStyle = '#1d2433';
  ctx.font = '12px system-ui, sans-serif';
  for (const p of [25, 50, 75]) {
    const y = (p / 100) * grid * ch;
    ctx.beginPath();
    ctx.setLineDash([4, 4]);
    ctx.moveTo(0, y);
    ctx.lineTo(w, y);
    ctx.stroke();
    ctx.fillText(`${p} %`, 4, y - 3);
  }
  ctx.setLineDash([]);
}
