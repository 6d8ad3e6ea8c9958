import { ELEMENT_GRID, elementCell } from '@heatlens/schema';

// Members of a page window's `move2` / `click2` sets (tile layout v2, see keys.ts HEAT_SETS),
// written by fold.ts and read by build-heatmap.ts. Three layers share one sorted set per
// (kind, segment, bucket), so they roll, cascade and expire together and `a` sums them per segment:
//
//   `tx:ty`          page tile: column of `grid` across the scroll root's width, row of ROW_PX page px
//   `f:tx:ty`        fixed layer: column across the viewport width, row from the nearer viewport
//                    edge (ty < 0 counts from the bottom, -1 touching it; see fixedRowOf)
//   `e:cell:sel`     a click on element `sel` (clicks only), cell = cx * ELEMENT_GRID + cy (0..99)
//                    of the point inside its box; `e::sel` when the click carried no `ex`, `ey`
//
// A page tile's member starts with a digit, so the prefixes never collide; a selector may hold
// `:` (it is everything after the second colon).

/** Member of a page tile. */
export const tileMember = (tx: number, ty: number) => `${tx}:${ty}`;

/** Member of a fixed-layer tile (`ty` may be negative: rows from the bottom edge). */
export const fixedMember = (tx: number, ty: number) => `f:${tx}:${ty}`;

/**
 * Member of a click on an element: its selector and the cell of the point inside it, from `ex`,
 * `ey` (0..1); without both, the click counts for the element but for no cell.
 */
export function elementMember(sel: string, ex: number | undefined, ey: number | undefined): string {
  const cell = ex === undefined || ey === undefined ? '' : String(elementCell(ex) * ELEMENT_GRID + elementCell(ey));
  return `e:${cell}:${sel}`;
}

/** A member read back: which layer it belongs to and its coordinates. */
export type TileMember =
  | { layer: 'page'; tx: number; ty: number }
  | { layer: 'fixed'; tx: number; ty: number }
  | { layer: 'element'; sel: string; cx: number; cy: number }
  | { layer: 'element'; sel: string; cx: undefined; cy: undefined };

const int = (s: string) => (/^-?\d{1,9}$/.test(s) ? Number(s) : undefined);

/** Decode a member of a tile set; `undefined` for anything this layout never writes. */
export function parseTileMember(m: string): TileMember | undefined {
  if (m.startsWith('e:')) {
    const i = m.indexOf(':', 2);
    if (i < 0 || i === m.length - 1) return undefined;
    const sel = m.slice(i + 1);
    if (i === 2) return { layer: 'element', sel, cx: undefined, cy: undefined };
    const cell = int(m.slice(2, i));
    if (cell === undefined || cell < 0 || cell >= ELEMENT_GRID * ELEMENT_GRID) return undefined;
    return { layer: 'element', sel, cx: Math.floor(cell / ELEMENT_GRID), cy: cell % ELEMENT_GRID };
  }
  const fixed = m.startsWith('f:');
  const body = fixed ? m.slice(2) : m;
  const i = body.indexOf(':');
  const tx = int(body.slice(0, i));
  const ty = int(body.slice(i + 1));
  if (i < 0 || tx === undefined || ty === undefined || tx < 0 || (!fixed && ty < 0)) return undefined;
  return fixed ? { layer: 'fixed', tx, ty } : { layer: 'page', tx, ty };
}
