import type { SnapshotMessage } from '@heatlens/schema/live';
import type { OverlaySettings } from '../settings.js';
import { reachDepth, scrollReach } from './grid-image.js';
import { gridRect, visibleRange, type Layout } from './project.js';

/** What one frame needs: the target context, the 1-px-per-tile image, and today's layout. */
export type Frame = {
  ctx: CanvasRenderingContext2D;
  /** the heatmap painted at one pixel per tile (see `paintGrid`) */
  tiles: CanvasImageSource;
  grid: number;
  layout: Layout;
  /** device pixels per CSS px of the canvas */
  dpr: number;
  snapshot: SnapshotMessage;
  settings: OverlaySettings;
  /** finds an element by selector in today's DOM (for click counts) */
  find: (selector: string) => Element | null;
};

/**
 * Draw one frame on the viewport-sized canvas: the tiles that overlap the viewport, scaled from
 * document fractions to today's layout; for scroll maps the 25/50/75 % reach lines and the fold;
 * for clicks, counts on the top clicked elements.
 */
export function drawFrame(f: Frame): void {
  const { ctx, layout, grid } = f;
  // The caller has cleared the canvas; from here on, coordinates are CSS px.
  ctx.setTransform(f.dpr, 0, 0, f.dpr, 0, 0);
  const rows = visibleRange(layout.scrollY, layout.viewHeight, layout.docHeight, grid);
  const cols = visibleRange(layout.scrollX, layout.viewWidth, layout.docWidth, grid);
  if (rows && cols) {
    // Blit only the visible band of tiles: a destination rectangle as tall as a 100,000 px page
    // would be clipped anyway, and this keeps the work proportional to the viewport.
    const all = gridRect(layout);
    const tw = all.w / grid;
    const th = all.h / grid;
    const [r0, r1] = rows;
    const [c0, c1] = cols;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(f.tiles, c0, r0, c1 - c0 + 1, r1 - r0 + 1, all.x + c0 * tw, all.y + r0 * th, (c1 - c0 + 1) * tw, (r1 - r0 + 1) * th);
  }
  if (f.snapshot.kind === 'scroll') drawReachLines(f);
  if (f.snapshot.kind === 'click' && f.settings.counts) drawCounts(f);
}

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number): void {
  ctx.font = '600 12px system-ui, sans-serif';
  const w = ctx.measureText(text).width + 10;
  ctx.fillStyle = 'rgba(17, 24, 39, 0.85)';
  ctx.fillRect(x, y - 9, w, 18);
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 5, y);
}

function hline(ctx: CanvasRenderingContext2D, y: number, width: number, colour: string, dash: number[]): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.setLineDash(dash);
  ctx.beginPath();
  ctx.moveTo(0, y);
  ctx.lineTo(width, y);
  ctx.stroke();
  ctx.setLineDash([]);
}

function drawReachLines(f: Frame): void {
  const { ctx, layout } = f;
  const reach = scrollReach(f.snapshot.tiles, f.grid);
  for (const share of [0.75, 0.5, 0.25]) {
    const depth = reachDepth(reach, share);
    if (depth === null) continue;
    const y = depth * layout.docHeight - layout.scrollY;
    if (y < -10 || y > layout.viewHeight + 10) continue;
    hline(ctx, y, layout.viewWidth, '#111827', [6, 4]);
    label(ctx, `${share * 100}% reached here`, 8, y);
  }
  // The fold: what a visitor sees without scrolling, at the owner's viewport height.
  const fold = layout.viewHeight - layout.scrollY;
  if (fold >= 0 && fold <= layout.viewHeight) {
    hline(ctx, fold - 1, layout.viewWidth, '#dc2626', []);
    label(ctx, 'fold', layout.viewWidth - 48, fold - 12);
  }
}

function drawCounts(f: Frame): void {
  const top = f.snapshot.stats.selectors.slice(0, 10);
  for (const entry of top) {
    // `Top('sel')` is typed by a computed key, so read the fields as the values they are.
    const sel = String(entry.sel);
    const count = Number(entry.count);
    let el: Element | null = null;
    try {
      el = f.find(sel);
    } catch {
      continue; // a selector today's DOM cannot parse: skip, never throw into the page
    }
    if (!el) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom < 0 || r.top > f.layout.viewHeight || r.width === 0) continue;
    f.ctx.strokeStyle = 'rgba(220, 38, 38, 0.9)';
    f.ctx.lineWidth = 2;
    f.ctx.strokeRect(r.left, r.top, r.width, r.height);
    label(f.ctx, `${count} click${count === 1 ? '' : 's'}`, Math.max(0, r.left), Math.max(9, r.top - 10));
  }
}
