import type { Heatmap } from './live.js';

/**
 * Share of sessions (0..1) that scrolled at least as deep as each depth band, from a scroll
 * heatmap's tiles. Scroll tiles are `[0, band, sessions whose maximum depth is in band]`, and a
 * session that reached band k saw every band above it, so the reach of band b is the sessions in
 * bands >= b over all sessions. Bands outside `0..grid-1` are ignored; all zeros without sessions.
 * The collector's scroll storage (a difference array over bands, `build-heatmap.ts` and the Lua of
 * `store/lua/record.ts`) keeps the same quantity, as counts: `reachByBand`.
 */
export function reachFromBands(tiles: Heatmap['tiles'], grid: number): number[] {
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
