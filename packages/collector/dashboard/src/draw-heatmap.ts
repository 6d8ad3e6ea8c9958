import type { Heatmap } from '@heatlens/schema/live';

/**
 * Draw a heatmap snapshot on a canvas. Move and click tiles are shaded relative to the hottest
 * tile (as the overlay does), on a page-shaped grid; scroll draws, per band, the share of
 * sessions that saw at least that deep, with the 25/50/75 % reach lines.
 */
export function drawHeatmap(canvas: HTMLCanvasElement, snap: Heatmap): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: w, height: hgt } = canvas;
  ctx.clearRect(0, 0, w, hgt);
  ctx.fillStyle = '#f4f4f0';
  ctx.fillRect(0, 0, w, hgt);
  const grid = snap.grid || 50;
  const cw = w / grid;
  const ch = hgt / grid;
  if (snap.kind === 'scroll') {
    drawReach(ctx, snap, w, ch, grid);
    return;
  }
  const max = snap.max || 1;
  // A soft halo around each tile, so a few clicks on a 50x50 grid still read at a glance.
  ctx.shadowBlur = Math.max(cw, ch) * 1.5;
  for (const [tx, ty, n] of snap.tiles) {
    const t = Math.min(1, n / max);
    // Cold to hot: blue (240) to red (0) hue, more opaque as it heats.
    const colour = `hsla(${240 * (1 - t)}, 90%, 50%, ${0.35 + 0.65 * t})`;
    ctx.fillStyle = colour;
    ctx.shadowColor = colour;
    ctx.fillRect(tx * cw, ty * ch, Math.ceil(cw), Math.ceil(ch));
  }
  ctx.shadowBlur = 0;
}

function drawReach(ctx: CanvasRenderingContext2D, snap: Heatmap, w: number, ch: number, grid: number): void {
  const perBand = new Array<number>(grid).fill(0);
  for (const [, band, n] of snap.tiles) if (band < grid) perBand[band] = (perBand[band] ?? 0) + n;
  const total = snap.total || perBand.reduce((a, b) => a + b, 0);
  if (!total) return;
  // A session whose deepest point is in band b saw every band up to b: reach(b) = sessions in bands >= b.
  let seen = total;
  for (let b = 0; b < grid; b++) {
    const share = seen / total;
    ctx.fillStyle = `hsla(${120 * share}, 80%, 45%, 0.85)`;
    ctx.fillRect(0, b * ch, w * share, Math.ceil(ch));
    seen -= perBand[b] ?? 0;
  }
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
