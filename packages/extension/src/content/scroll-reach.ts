import type { Heatmap } from '@heatlens/schema/live';

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
