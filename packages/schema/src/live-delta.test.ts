import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, applyTiles, DeltaError, diffSnapshot, flatTiles, tileChanges } from './live-delta.js';
import type { SnapshotMessage, Stats } from './live.js';

type Tile = [number, number, number];
const byRow = (a: Tile, b: Tile) => a[1] - b[1] || a[0] - b[0];

/** Distinct tiles (by position) on a small grid, so that two draws share many positions. */
const tilesArb = (minY: number) =>
  fc
    .uniqueArray(fc.tuple(fc.nat(7), fc.integer({ min: minY, max: 12 }), fc.integer({ min: 1, max: 5 })), {
      selector: (t) => `${t[0]},${t[1]}`,
      maxLength: 60,
    })
    .map((ts) => ts.sort(byRow) as Tile[]);

const stats = (views: number) => ({ views, path: '/p' }) as unknown as Stats;

const stateArb = fc.record({
  tiles: tilesArb(0),
  fixed: tilesArb(-3),
  from: fc.nat(1000),
  views: fc.nat(3),
  elements: fc.array(
    fc.record({
      sel: fc.constantFrom('#a', '#b', 'nav > a'),
      count: fc.nat(9),
      points: fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.nat(4)), { maxLength: 2 }),
    }),
    { maxLength: 3 },
  ),
});

type State = { tiles: Tile[]; fixed: Tile[]; from: number; views: number; elements?: SnapshotMessage['elements'] };

/** A full frame of a click map (elements listed) or of a move map (`click` false: none). */
function snapshot(s: State, seq: number, click = true): SnapshotMessage {
  const all = [...s.tiles, ...s.fixed];
  return {
    type: 'snapshot',
    seq,
    site: 'demo',
    path: '/p',
    kind: click ? 'click' : 'move',
    seg: 'all',
    grid: 50,
    rowPx: 20,
    rows: s.tiles.length ? s.tiles[s.tiles.length - 1]![1] + 1 : 0,
    windowMs: 300_000,
    from: s.from,
    to: s.from + 300_000,
    total: all.reduce((n, t) => n + t[2], 0),
    max: all.reduce((n, t) => Math.max(n, t[2]), 0),
    tiles: s.tiles,
    fixed: s.fixed,
    ...(click ? { elements: s.elements ?? [] } : {}),
    stats: stats(s.views),
  };
}

describe('live deltas', () => {
  it('a delta applied to the previous state gives the next full snapshot (property)', () => {
    fc.assert(
      fc.property(fc.array(stateArb, { minLength: 2, maxLength: 6 }), fc.boolean(), (states, click) => {
        let full = snapshot(states[0]!, 0, click);
        for (const s of states.slice(1)) {
          const next = snapshot(s, full.seq! + 1, click);
          const delta = diffSnapshot(full, next, full.seq! + 1);
          if (!delta) {
            expect({ ...next, seq: full.seq }).toEqual(full);
            continue;
          }
          // Held tiles stay out of the delta: it is never longer than the tiles that differ.
          expect(delta.tiles.length / 3).toBeLessThanOrEqual(full.tiles.length + next.tiles.length);
          const applied = applyDelta(full, delta);
          expect(applied).toEqual(next);
          full = applied;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sends only tiles that changed or left, in snapshot order, and nothing when nothing changed', () => {
    const prev: Tile[] = [
      [1, 0, 2],
      [2, 0, 1],
      [0, 3, 4],
    ];
    const next: Tile[] = [
      [1, 0, 2],
      [5, 1, 1],
      [0, 3, 6],
    ];
    expect(tileChanges(prev, next)).toEqual([2, 0, 0, 5, 1, 1, 0, 3, 6]);
    // Unordered input is ordered first: the same run.
    expect(tileChanges([...prev].reverse(), [...next].reverse())).toEqual([2, 0, 0, 5, 1, 1, 0, 3, 6]);
    const s = snapshot({ tiles: prev, fixed: [], from: 5, views: 1 }, 0);
    expect(diffSnapshot(s, { ...s }, 1)).toBeNull();
    const moved = diffSnapshot(s, { ...s, from: 6, to: s.to + 1 }, 1)!;
    expect(moved).toMatchObject({ seq: 1, from: 6, tiles: [], fixed: [] });
    expect(moved.stats).toBeUndefined();
    expect(moved.elements).toBeUndefined();
    expect(diffSnapshot(s, { ...s, stats: stats(2) }, 1)!.stats).toEqual(stats(2));
  });

  it('reuses the tuples that held, and refuses a malformed run', () => {
    const prev: Tile[] = [
      [0, 0, 1],
      [1, 0, 1],
    ];
    const out = applyTiles(prev, [1, 0, 3]);
    expect(out[0]).toBe(prev[0]);
    expect(out).toEqual([
      [0, 0, 1],
      [1, 0, 3],
    ]);
    expect(() => applyTiles(prev, [1, 0])).toThrow(DeltaError);
    expect(() => applyTiles(prev, [1, 0, 1, 0, 0, 1])).toThrow('delta: tiles out of order');
    expect(() => applyTiles(prev, [1, 0, 1, 1, 0, 2])).toThrow(DeltaError);
  });

  it('flattens tiles into one [tx, ty, n, ...] array', () => {
    expect(
      flatTiles([
        [1, 2, 3],
        [4, -1, 6],
      ]),
    ).toEqual([1, 2, 3, 4, -1, 6]);
  });
});
