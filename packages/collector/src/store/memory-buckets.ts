import { SEGMENTS } from '@heatlens/schema';
import { familyOf, otherOf } from '../core/counters.js';
import { ALL_SEG_KEY, PAGE_SETS } from '../core/set-names.js';
import { WINDOW_SPECS, windowStart, type WindowSpec } from '../core/windows.js';

// The in-memory store's buckets and counts (memory.ts): a bucket maps members to counts, as a Redis
// sorted set maps members to scores.

/** Members -> counts of one bucket. */
export type Counts = Map<string, number>;
/** Bucket start (ms) -> what the bucket holds. */
export type Buckets<T> = Map<number, T>;

/** Add `n` to member `k` of `m`. */
export const bump = (m: Counts, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
// Distinct members per capped family of each bucket (counters.ts): past the cap, `(other)`.
const families = new WeakMap<Counts, Map<string, number>>();
/** `bump`, with a capped family's members past its cap counted as its `(other)` (counters.ts). */
export function bumpCapped(m: Counts, k: string, n: number) {
  const fam = m.has(k) ? undefined : familyOf(k);
  if (fam !== undefined) {
    let fams = families.get(m);
    if (!fams) families.set(m, (fams = new Map<string, number>()));
    const c = fams.get(fam.key) ?? 0;
    if (c >= fam.cap) k = otherOf(fam.key);
    else fams.set(fam.key, c + 1);
  }
  bump(m, k, n);
}
/** Whether a member of a move or click set is a tile (`tx:ty`, fixed layer `f:tx:ty`), not an element. */
export const isTile = (m: string) => /^(f:)?-?\d+:-?\d+$/.test(m);
// Distinct tiles of each bucket, and of each (window, set, segment)'s buckets together.
const tileCounts = new WeakMap<object, number>();
/**
 * Add `n` to tile `k` of bucket `b` of `buckets`, unless the tile is new and the bucket holds
 * `bucketCap` tiles or the buckets together `windowCap` (limits.ts): then nothing is added and
 * false is returned (the caller counts the drop).
 */
export function bumpTile(
  buckets: Buckets<Counts>,
  b: number,
  k: string,
  n: number,
  bucketCap: number,
  windowCap: number,
) {
  const m = getOr(buckets, b, (): Counts => new Map());
  if (!m.has(k)) {
    const inBucket = tileCounts.get(m) ?? 0;
    const inWindow = tileCounts.get(buckets) ?? 0;
    if (inBucket >= bucketCap || inWindow >= windowCap) return false;
    tileCounts.set(m, inBucket + 1);
    tileCounts.set(buckets, inWindow + 1);
  }
  bump(m, k, n);
  return true;
}
/** `m.get(k)`, made with `make` and kept when absent. */
export const getOr = <K, V>(m: Map<K, V>, k: K, make: () => V): V => {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
};
// Set keys are built once: a fresh string per lookup would be hashed again on every increment.
const SET_KEYS: Record<string, Record<string, Record<string, string>>> = {};
for (const w of WINDOW_SPECS) {
  SET_KEYS[w.name] = {};
  for (const set of PAGE_SETS) {
    SET_KEYS[w.name]![set] = {};
    for (const seg of [...SEGMENTS, ALL_SEG_KEY]) SET_KEYS[w.name]![set]![seg] = `${w.name}|${set}|${seg}`;
  }
}
/** The key of a window's set of a segment in a page's `sets`: `${window}|${set}|${seg}`. */
export const setKey = (window: string, set: string, seg: string) =>
  SET_KEYS[window]?.[set]?.[seg] ?? `${window}|${set}|${seg}`;

/** Drop buckets that left the window at `now`; each goes to `onGone` (bucket start, content) first. */
export function prune<T>(buckets: Buckets<T>, now: number, w: WindowSpec, onGone?: (b: number, v: T) => void) {
  const start = windowStart(now, w);
  for (const [b, v] of buckets) {
    if (b >= start) continue;
    onGone?.(b, v);
    const tiles = typeof v === 'object' && v !== null ? tileCounts.get(v) : undefined;
    if (tiles) tileCounts.set(buckets, (tileCounts.get(buckets) ?? 0) - tiles);
    buckets.delete(b);
  }
}
