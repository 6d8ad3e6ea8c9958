import { describe, expect, it } from 'vitest';
import type { ContractParts } from './fixtures.js';
import { ADVANCE_BUDGET } from '../../core/limits.js';

/** Moves on `n` distinct tiles of a 1000 x 100,000 px page, from tile `from` on (50 a row). */
const tiles = (from: number, n: number) =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { type: 'move' as const, x: (i % 50) * 20 + 5, y: Math.floor(i / 50) * 20 + 5, w: 1000, h: 100_000 };
  });

/**
 * The sealing part of the store contract (called inside `describeStore`): a live bucket larger than
 * one advance call's budget is sealed over several calls, and reads and writes meanwhile count
 * every increment once.
 */
export function describeSealing(t: ContractParts) {
  describe('sealing', () => {
    it('counts a bucket sealed over several advance calls once, with writes into it meanwhile', async () => {
      const store = t.store();
      const site = t.fresh();
      const page = '/long';
      const half = Math.ceil((ADVANCE_BUDGET * 1.6) / 2);
      for (const from of [0, half]) await store.record(t.folded(tiles(from, half), { site, path: page }));
      const read = async (now: number) => store.snapshot({ site, page, kind: 'move', seg: 'all', window: '5m', now });
      // Past the open buckets: the first read's advance seals part of the bucket.
      const later = t.now + 30_000;
      expect((await read(later)).total).toBe(2 * half);
      // Into the bucket being sealed: a tile already sealed or still queued, and a new one.
      await store.record(
        t.folded([...tiles(0, 1), ...tiles(2 * half - 1, 1), ...tiles(2 * half, 1)], { site, path: page }),
      );
      for (const now of [later, later + 1_000, later + 2_000, later + 60_000]) {
        const s = await read(now);
        expect(s.total).toBe(2 * half + 3);
        expect(s.tiles.length).toBe(2 * half + 1);
        expect(Math.max(...s.tiles.map((x) => x[2]))).toBe(2);
      }
    });
  });
}
