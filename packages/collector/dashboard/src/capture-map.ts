import type { HeatDiff, Heatmap } from '@heatlens/schema';
import { DIVERGING, renderDiff } from '@heatlens/heat/diverging';
import { fieldFor, kernelFor, renderHeat, type Field, type Kernel } from '@heatlens/heat/heat-kernel';
import type { HeatPoint } from '@heatlens/heat/heat-points';
import { readPalette, type Palette } from '@heatlens/heat/palette';
import { SURFACE_SCALE } from '@heatlens/heat/heat-surface';
import { DEFAULT_RADIUS } from '@heatlens/heat/style';

/**
 * What a saved view or a comparison is drawn over: a page capture (its picture and page size in
 * CSS px) or, for a page without one, a blank page as wide as the capture would be.
 */
export type Backdrop = { width: number; height: number; image?: CanvasImageSource };

/** Tallest page drawn (CSS px): a canvas past ~16k px fails in some browsers; below it is cut. */
export const MAX_DRAWN_HEIGHT = 12_000;
/** The first screen's height (CSS px) the fixed layer is pinned to when drawn over a whole page. */
const FIRST_SCREEN = 800;

/** Tile centres of a map in the backdrop's page px, each weighted by `weight` of its value. */
export function tilePoints(
  m: { grid: number; rowPx: number; tiles: Heatmap['tiles']; fixed: Heatmap['fixed'] },
  b: Backdrop,
): HeatPoint[] {
  const col = b.width / m.grid;
  const screen = Math.min(b.height, FIRST_SCREEN);
  const pts: HeatPoint[] = m.tiles.map(([tx, ty, n]) => [(tx + 0.5) * col, (ty + 0.5) * m.rowPx, n]);
  for (const [tx, ty, n] of m.fixed)
    pts.push([(tx + 0.5) * col, ty >= 0 ? (ty + 0.5) * m.rowPx : screen + (ty + 0.5) * m.rowPx, n]);
  return pts;
}

let palette: Palette | undefined;
function heatPalette(): Palette {
  if (!palette) {
    const c = document.createElement('canvas');
    c.width = 256;
    c.height = 1;
    palette = readPalette(c.getContext('2d', { willReadFrequently: true })!);
  }
  return palette;
}

/** Size `canvas` to the backdrop and paint it (the capture, or a blank page); its 2D context. */
function begin(canvas: HTMLCanvasElement, b: Backdrop): CanvasRenderingContext2D | null {
  canvas.width = Math.round(b.width);
  canvas.height = Math.round(Math.min(b.height, MAX_DRAWN_HEIGHT));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (b.image) ctx.drawImage(b.image, 0, 0, b.width, b.height);
  return ctx;
}

/**
 * Kernel radius of a difference (CSS px): wider than the heat's, so a change reads as one patch
 * over the element that moved rather than a dot per tile.
 */
const DIFF_RADIUS = 40;

/** Render a layer at SURFACE_SCALE (as the overlay does) and stretch it over the page. */
function paint(
  ctx: CanvasRenderingContext2D,
  radius: number,
  render: (out: Uint8ClampedArray, w: number, h: number, k: Kernel, f: Field) => void,
) {
  const { width: W, height: H } = ctx.canvas;
  const w = Math.max(1, Math.ceil(W * SURFACE_SCALE));
  const h = Math.max(1, Math.ceil(H * SURFACE_SCALE));
  const off = document.createElement('canvas');
  off.width = w;
  off.height = h;
  const octx = off.getContext('2d');
  if (!octx) return;
  const img = octx.createImageData(w, h);
  const k = kernelFor(radius, SURFACE_SCALE);
  render(img.data, w, h, k, fieldFor(w, h, k));
  octx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, w / SURFACE_SCALE, h / SURFACE_SCALE);
}

/** A legend box in the top-right corner: a title, and a bar with labels under it. */
function legend(
  ctx: CanvasRenderingContext2D,
  title: string,
  bar: (x: number, y: number, w: number) => void,
  labels: string[],
) {
  // Sized for the page's width: the figure is shown scaled down to its column, often by half.
  const u = Math.max(1, ctx.canvas.width / 900);
  const w = 300 * u;
  const x = ctx.canvas.width - w - 12;
  const y = 12;
  ctx.fillStyle = 'rgba(255,255,255,0.94)';
  ctx.strokeStyle = 'rgba(0,0,0,0.25)';
  ctx.fillRect(x, y, w, 78 * u);
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, 78 * u - 1);
  ctx.fillStyle = '#222';
  ctx.font = `${15 * u}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, x + 10, y + 8 * u, w - 20);
  bar(x + 10, y + 32 * u, w - 20);
  ctx.fillStyle = '#222';
  ctx.font = `${14 * u}px system-ui, sans-serif`;
  labels.forEach((l, i) => {
    ctx.textAlign = i === 0 ? 'left' : i === labels.length - 1 ? 'right' : 'center';
    ctx.fillText(l, x + 10 + ((w - 20) * i) / (labels.length - 1), y + 52 * u);
  });
  ctx.textAlign = 'left';
}

/** Draw a map's heat over the backdrop with the overlay's kernel and palette, and its legend. */
export function drawHeatOver(canvas: HTMLCanvasElement, b: Backdrop, map: Heatmap, title: string): void {
  const ctx = begin(canvas, b);
  if (!ctx) return;
  const pal = heatPalette();
  const points = tilePoints(map, b);
  if (points.length)
    paint(ctx, DEFAULT_RADIUS, (out, w, h, k, f) =>
      renderHeat(out, w, h, [{ points }], map.max, k, f, pal, 0.8, 0.05, SURFACE_SCALE),
    );
  legend(
    ctx,
    title,
    (x, y, w) => {
      const g = ctx.createLinearGradient(x, 0, x + w, 0);
      for (let i = 0; i <= 4; i++) {
        const c = (i * 255) >> 2;
        g.addColorStop(i / 4, `rgb(${pal[c * 4]},${pal[c * 4 + 1]},${pal[c * 4 + 2]})`);
      }
      ctx.fillStyle = g;
      ctx.fillRect(x, y, w, 14);
    },
    ['1', `${map.max}`],
  );
  canvas.dataset.total = String(map.total);
}

/** Signed-pp labels of the diverging legend: `−12.5 pp`, `0`, `+12.5 pp`. */
export const ppLabel = (v: number) =>
  `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v) < 10 ? Math.abs(v).toFixed(1) : Math.round(Math.abs(v))} pp`;

/**
 * Draw a difference over the backdrop with the diverging palette (`@heatlens/heat/diverging`):
 * orange where the share rose, blue where it fell, nothing where it held; the legend in
 * percentage points, full scale at the largest change of any tile. Two identical maps draw
 * the backdrop alone.
 */
export function drawDiffOver(
  canvas: HTMLCanvasElement,
  b: Backdrop,
  diff: HeatDiff,
  m: { grid: number; rowPx: number },
  title: string,
): void {
  const ctx = begin(canvas, b);
  if (!ctx) return;
  const points = tilePoints({ ...m, tiles: diff.tiles, fixed: diff.fixed }, b);
  if (points.length)
    paint(ctx, DIFF_RADIUS, (out, w, h, k, f) => renderDiff(out, w, h, points, diff.maxAbs, k, f, 0.85, SURFACE_SCALE));
  const rgb = (c: readonly number[], a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;
  legend(
    ctx,
    title,
    (x, y, w) => {
      const g = ctx.createLinearGradient(x, 0, x + w, 0);
      g.addColorStop(0, rgb(DIVERGING.fall));
      g.addColorStop(0.5, rgb(DIVERGING.fall, 0));
      g.addColorStop(0.5, rgb(DIVERGING.rise, 0));
      g.addColorStop(1, rgb(DIVERGING.rise));
      ctx.fillStyle = g;
      ctx.fillRect(x, y, w, 14);
    },
    [ppLabel(-diff.maxAbs), 'held', ppLabel(diff.maxAbs)],
  );
  canvas.dataset.tiles = String(diff.tiles.length + diff.fixed.length);
  canvas.dataset.maxAbs = String(diff.maxAbs);
}

/** Save a canvas as a PNG download named `name`.png. */
export function exportPng(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${name.replace(/[^\w.-]+/g, '-').slice(0, 80) || 'heatmap'}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }, 'image/png');
}
