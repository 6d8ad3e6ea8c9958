import type { Heatmap } from '@heatlens/schema/live';
import { heatAlpha, heatIndex, type Palette } from './palette.js';

/**
 * Paint a heatmap's tiles into an RGBA buffer of `grid x grid` pixels, one pixel per tile, coloured
 * relative to the hottest tile. The overlay then scales this image onto the document's rectangle
 * in one `drawImage`, so a full 50x50 frame costs one blit, whatever the page's height.
 * For `scroll` maps each row is a depth band, coloured by the share of sessions that reached it.
 */
export function paintGrid(
  out: Uint8ClampedArray,
  map: Pick<Heatmap, 'kind' | 'grid' | 'max' | 'total' | 'tiles'>,
  palette: Palette,
  opacity: number,
): void {
  out.fill(0);
  const grid = map.grid;
  if (map.kind === 'scroll') {
    const reach = scrollReach(map.tiles, grid);
    for (let ty = 0; ty < grid; ty++) {
      const index = heatIndex(reach[ty]!, 1);
      for (let tx = 0; tx < grid; tx++) put(out, (ty * grid + tx) * 4, palette, index, opacity);
    }
    return;
  }
  let max = map.max;
  if (!(max > 0)) for (const [, , c] of map.tiles) max = Math.max(max, c);
  for (const [tx, ty, count] of map.tiles) {
    if (tx < 0 || ty < 0 || tx >= grid || ty >= grid) continue;
    put(out, (ty * grid + tx) * 4, palette, heatIndex(count, max), opacity);
  }
}

function put(out: Uint8ClampedArray, at: number, palette: Palette, index: number, opacity: number): void {
  if (index <= 0) return;
  out[at] = palette[index * 4]!;
  out[at + 1] = palette[index * 4 + 1]!;
  out[at + 2] = palette[index * 4 + 2]!;
  out[at + 3] = heatAlpha(index, opacity);
}

/**
 * Share of sessions (0..1) that saw each depth band. Scroll tiles are `[0, band, sessions whose
 * maximum depth is in band]`, and a session that reached band k saw every band above it, so the
 * reach of band b is the sum over bands >= b, over all sessions.
 */
export function scrollReach(tiles: Heatmap['tiles'], grid: number): number[] {
  const perBand = new Array<number>(grid).fill(0);
  let total = 0;
  for (const [, band, count] of tiles) {
    if (band >= 0 && band < grid) {
      perBand[band] = perBand[band]! + count;
      total += count;
    }
  }
  const reach = new Array<number>(grid).fill(0);
  let seen = 0;
  for (let b = grid - 1; b >= 0; b--) {
    seen += perBand[b]!;
    reach[b] = total > 0 ? seen / total : 0;
  }
  return reach;
}

/**
 * Depth (fraction of the document, 0..1) down to which at least `share` of sessions scrolled: the
 * end of the last band whose reach is >= share, or null when no session reported a depth.
 */
export function reachDepth(reach: number[], share: number): number | null {
  let last = -1;
  for (let b = 0; b < reach.length; b++) if (reach[b]! >= share) last = b;
  return last < 0 ? null : (last + 1) / reach.length;
}
