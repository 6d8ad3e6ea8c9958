import type { DeltaMessage, Heatmap, SnapshotMessage } from './live.js';

// `heatlens.v2` page feeds (constants.ts `LIVE_PROTOCOL_V2`): the collector sends what changed per
// hop (`diffSnapshot`), each viewer keeps the full state (`applyDelta`). Both ends live here so
// that `applyDelta(prev, diffSnapshot(prev, next, seq)) == next` is one property, tested once.

type Tile = Heatmap['tiles'][number];
type Tiles = readonly (readonly [number, number, number])[];

/** Whether `tiles` is in snapshot order: by row (`ty`), then column (`tx`). */
function inOrder(tiles: Tiles): boolean {
  for (let i = 1; i < tiles.length; i++) {
    const a = tiles[i - 1]!;
    const b = tiles[i]!;
    if ((a[1] - b[1] || a[0] - b[0]) >= 0) return false;
  }
  return true;
}

/** `tiles` in snapshot order: itself when it already is (the collector's answers are). */
const ordered = (tiles: Tiles): Tiles =>
  inOrder(tiles) ? tiles : tiles.slice().sort((a, b) => a[1] - b[1] || a[0] - b[0]);

/**
 * The tiles that differ between two tile lists, as a flat `[tx, ty, n, ...]` run in snapshot order:
 * `n` the count in `next`, 0 for a tile only `prev` has. One merge pass over both (O(prev + next)).
 */
export function tileChanges(prev: Tiles, next: Tiles): number[] {
  const a = ordered(prev);
  const b = ordered(next);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const p = a[i];
    const q = b[j];
    const c = !p ? 1 : !q ? -1 : p[1] - q[1] || p[0] - q[0];
    if (c < 0) {
      out.push(p![0], p![1], 0);
      i++;
    } else if (c > 0) {
      out.push(q![0], q![1], q![2]);
      j++;
    } else {
      if (p![2] !== q![2]) out.push(q![0], q![1], q![2]);
      i++;
      j++;
    }
  }
  return out;
}

/** A page feed's state: what one full frame carries, minus its `type` and `seq`. */
export type FeedState = Omit<SnapshotMessage, 'type' | 'seq'>;

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The `delta` frame (number `seq`) that takes a viewer from `prev` to `next`, two states of one page
 * feed (same site, path, kind, segment), or null when nothing of it changed (not even the window's
 * edges). Tiles in any order are accepted; the delta's runs are in snapshot order. `elements` and
 * `stats` are sent whole when they changed (by value), left out when they held.
 */
export function diffSnapshot(prev: FeedState, next: FeedState, seq: number): DeltaMessage | null {
  const tiles = tileChanges(prev.tiles, next.tiles);
  const fixed = tileChanges(prev.fixed, next.fixed);
  const elementsHeld = sameJson(prev.elements ?? [], next.elements ?? []);
  const statsHeld = sameJson(prev.stats, next.stats);
  const scalars = ['windowMs', 'from', 'to', 'grid', 'rowPx', 'rows', 'total', 'max'] as const;
  if (!tiles.length && !fixed.length && elementsHeld && statsHeld && scalars.every((k) => prev[k] === next[k]))
    return null;
  const delta: DeltaMessage = {
    type: 'delta',
    seq,
    windowMs: next.windowMs,
    from: next.from,
    to: next.to,
    grid: next.grid,
    rowPx: next.rowPx,
    rows: next.rows,
    total: next.total,
    max: next.max,
    tiles,
    fixed,
  };
  if (!elementsHeld) delta.elements = next.elements ?? [];
  if (!statsHeld) delta.stats = next.stats;
  return delta;
}

/** A delta that cannot apply (a malformed run): the viewer resyncs. */
export class DeltaError extends Error {
  override name = 'DeltaError';
}

/**
 * Apply a flat run of changes (`tileChanges`) to tiles in snapshot order: changed tiles replaced,
 * new ones inserted in order, those with `n` 0 dropped; tuples that held are reused, not copied.
 * @throws DeltaError when the run's length is not a multiple of 3 or it is out of order
 */
export function applyTiles(prev: Tiles, run: readonly number[]): Tile[] {
  if (run.length % 3 !== 0) throw new DeltaError('delta: a tile run holds [tx, ty, n] triples');
  const out: Tile[] = [];
  let i = 0;
  let lastX = -Infinity;
  let lastY = -Infinity;
  for (let k = 0; k < run.length; k += 3) {
    const tx = run[k]!;
    const ty = run[k + 1]!;
    const n = run[k + 2]!;
    if ((lastY - ty || lastX - tx) >= 0) throw new DeltaError('delta: tiles out of order');
    lastX = tx;
    lastY = ty;
    while (i < prev.length && (prev[i]![1] - ty || prev[i]![0] - tx) < 0) out.push(prev[i++] as Tile);
    if (i < prev.length && prev[i]![1] === ty && prev[i]![0] === tx) i++;
    if (n > 0) out.push([tx, ty, n]);
  }
  while (i < prev.length) out.push(prev[i++] as Tile);
  return out;
}

/**
 * The full frame after `delta`, from the one before it (a `snapshot` or an applied delta). Pure:
 * `prev` is not changed. The caller checks `delta.seq === prev.seq + 1` first (a gap: resync).
 * @throws DeltaError on a malformed tile run
 */
export function applyDelta(prev: SnapshotMessage, delta: DeltaMessage): SnapshotMessage {
  const next: SnapshotMessage = {
    ...prev,
    seq: delta.seq,
    windowMs: delta.windowMs,
    from: delta.from,
    to: delta.to,
    grid: delta.grid,
    rowPx: delta.rowPx,
    rows: delta.rows,
    total: delta.total,
    max: delta.max,
    tiles: delta.tiles.length ? applyTiles(prev.tiles, delta.tiles) : prev.tiles,
    fixed: delta.fixed.length ? applyTiles(prev.fixed, delta.fixed) : prev.fixed,
    stats: delta.stats ?? prev.stats,
  };
  if (delta.elements) next.elements = delta.elements;
  return next;
}

/** Tiles as one flat `[tx, ty, n, ...]` array (what crosses extension messaging: one array, not thousands). */
export function flatTiles(tiles: Tiles): number[] {
  const out = new Array<number>(tiles.length * 3);
  for (let i = 0; i < tiles.length; i++) {
    const t = tiles[i]!;
    out[i * 3] = t[0];
    out[i * 3 + 1] = t[1];
    out[i * 3 + 2] = t[2];
  }
  return out;
}
