/**
 * Words drawn on the map, shared by the overlay and the dashboard. An element's label counts the
 * element's own clicks (the legend's scale counts a tile's), so it says it is the element's.
 */
export function elementLabel(count: number): string {
  return `element: ${count} click${count === 1 ? '' : 's'}`;
}

/**
 * A scroll map's reach line: the share (0..1) of sessions that scrolled at least this deep, said
 * as a share of sessions (a bare "75%" read as the page's depth).
 */
export function reachLabel(share: number): string {
  return `${Math.round(share * 100)}% of sessions reached here`;
}
