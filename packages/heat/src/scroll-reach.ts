/**
 * Depth (fraction of the document, 0..1) down to which at least `share` of sessions scrolled: the
 * end of the last band whose reach is >= share, or null when no session reported a depth.
 */
export function reachDepth(reach: number[], share: number): number | null {
  let last = -1;
  for (let b = 0; b < reach.length; b++) if (reach[b]! >= share) last = b;
  return last < 0 ? null : (last + 1) / reach.length;
}
