import type { Heatmap } from './live.js';

/** A tile of a difference: `[tx, ty, pp]`, pp = change of the tile's share of the map, in percentage points. */
export type DiffTile = [tx: number, ty: number, pp: number];

/** An element whose share of clicks changed: both counts and the change in percentage points. */
export type DiffElement = { sel: string; pp: number; now: number; then: number };

/**
 * The difference of two maps of one page, kind and segment (`now` minus `then`), each normalised
 * by its own total: a tile holding 10 % of today's events and 4 % of the saved view's is `+6` pp.
 * Tiles whose share held (|pp| < `HELD_PP`) are left out, so two identical maps give no tiles.
 * `maxAbs` is the largest |pp| of any tile (page or fixed), the palette's full scale.
 */
export type HeatDiff = {
  tiles: DiffTile[];
  fixed: DiffTile[];
  /** elements by |pp|, largest change first (click maps; empty otherwise) */
  elements: DiffElement[];
  maxAbs: number;
  nowTotal: number;
  thenTotal: number;
};

/** A change smaller than this (pp) counts as held: float noise, not a change. */
export const HELD_PP = 1e-9;

type Counted = Pick<Heatmap, 'tiles' | 'fixed' | 'total' | 'elements'>;

function layerDiff(now: Counted['tiles'], then: Counted['tiles'], nowTotal: number, thenTotal: number): DiffTile[] {
  const shares = new Map<string, DiffTile>();
  const add = (tiles: Counted['tiles'], total: number, sign: number) => {
    if (total <= 0) return;
    for (const [tx, ty, n] of tiles) {
      const k = `${tx}:${ty}`;
      const t = shares.get(k) ?? [tx, ty, 0];
      t[2] += (sign * 100 * n) / total;
      shares.set(k, t);
    }
  };
  add(now, nowTotal, 1);
  add(then, thenTotal, -1);
  const out = [...shares.values()].filter((t) => Math.abs(t[2]) >= HELD_PP);
  return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
}

/**
 * `now` minus `then`, each normalised by its own `total` (see HeatDiff). An empty map (total 0)
 * counts as no share anywhere, so against an empty map every tile of the other is a full rise or fall.
 */
export function diffHeatmaps(now: Counted, then: Counted): HeatDiff {
  const tiles = layerDiff(now.tiles, then.tiles, now.total, then.total);
  const fixed = layerDiff(now.fixed, then.fixed, now.total, then.total);
  const els = new Map<string, DiffElement>();
  for (const e of now.elements ?? []) els.set(e.sel, { sel: e.sel, pp: 0, now: e.count, then: 0 });
  for (const e of then.elements ?? []) {
    const d = els.get(e.sel) ?? { sel: e.sel, pp: 0, now: 0, then: 0 };
    d.then = e.count;
    els.set(e.sel, d);
  }
  const share = (n: number, total: number) => (total > 0 ? (100 * n) / total : 0);
  const elements = [...els.values()]
    .map((d) => ({ ...d, pp: share(d.now, now.total) - share(d.then, then.total) }))
    .filter((d) => Math.abs(d.pp) >= HELD_PP)
    .sort((a, b) => Math.abs(b.pp) - Math.abs(a.pp) || (a.sel < b.sel ? -1 : 1));
  let maxAbs = 0;
  for (const t of [...tiles, ...fixed]) maxAbs = Math.max(maxAbs, Math.abs(t[2]));
  return { tiles, fixed, elements, maxAbs, nowTotal: now.total, thenTotal: then.total };
}
