import { describe, expect, it } from 'vitest';
import { windowSpec, bucketOf } from '../../core/windows.js';
import type { ContractParts } from './fixtures.js';
import { move } from './fixtures.js';

/**
 * The events-series part of the store contract (called inside `describeStore`): `pages` answers
 * the series of the window asked for, in that window's buckets (5 s for 5 min, 1 min for 1 h,
 * 15 min for 24 h, 6 h for 30 days), so a dashboard's chart and headline follow its window. Before,
 * every window got the last 5 minutes' series.
 */
export function describeSeries(t: ContractParts) {
  describe('events series per window', () => {
    const { store, fresh, folded, now: T0 } = t;

    it('each window has its own series: its bucket size, its span, every event of it', async () => {
      const site = fresh();
      const early = T0 - 20 * 60_000; // in the last hour and day, not in the last 5 minutes
      await store().record(folded([{ type: 'pageview', vh: 800 }, move(1, 1)], { site, path: '/a', now: early }));
      await store().record(folded([{ type: 'pageview', vh: 800 }, move(2, 2), move(3, 3)], { site, path: '/b' }));
      for (const [name, total] of [
        ['5m', 3],
        ['1h', 5],
        ['24h', 5],
        ['30d', 5],
      ] as const) {
        const w = windowSpec(name);
        const p = await store().pages({ site, window: name, now: T0, limit: 10 });
        expect(p.bucketMs, name).toBe(w.bucketMs);
        expect(p.series, name).toHaveLength(w.buckets);
        expect(p.series.at(-1)![0], name).toBe(bucketOf(T0, w.bucketMs));
        expect(
          p.series.reduce((a, [, n]) => a + n, 0),
          name,
        ).toBe(total);
      }
      const hour = await store().pages({ site, window: '1h', now: T0, limit: 10 });
      expect(hour.series.find(([b]) => b === bucketOf(early, 60_000))![1]).toBe(2);
    });
  });
}
