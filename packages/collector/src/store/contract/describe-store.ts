import { ROW_PX } from '@heatlens/schema';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { T0, folded, move } from './fixtures.js';
import { describeLayout } from './describe-layout.js';
import { describeAlerts } from './describe-alerts.js';
import { describeCaptures } from './describe-captures.js';
import { describeSources } from './describe-sources.js';
import { describeLimits } from './describe-limits.js';
import { describeStats } from './describe-stats.js';
import { describeSeries } from './describe-series.js';
import { describeViews } from './describe-views.js';
import { describeWindowChanges } from './describe-window-changes.js';
import { describeSealing } from './describe-sealing.js';
import type { Store } from '../types.js';

export { T0, folded, move, type ContractParts } from './fixtures.js';

/**
 * The store contract: every store (memory, Redis, Redis Cluster) must pass this suite with the
 * same window semantics. `make` returns a fresh, empty store.
 */
export function describeStore(
  name: string,
  make: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
  /** for stores with keys (Redis): every key's name and TTL, scanned after the suite */
  scan?: () => Promise<{ keys: number; noTtl: string[]; unknown: string[] }>,
) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ store, cleanup } = await make());
    });
    afterAll(async () => {
      await store.close();
      await cleanup?.();
    });
    let n = 0;
    const fresh = () => `site${++n}`; // each test on its own site: nothing leaks between tests

    it('puts events in their tiles, coalescing the same tile', async () => {
      const site = fresh();
      await store.record(
        folded(
          [
            move(10, 10),
            move(15, 19),
            move(999, 4999),
            { type: 'click', x: 500, y: 2500, w: 1000, h: 5000, sel: 'a#buy' },
          ],
          { site },
        ),
      );
      const hm = await store.snapshot({ site, page: '/', kind: 'move', seg: 'all', window: '5m', now: T0 });
      expect(hm).toMatchObject({
        site,
        path: '/',
        kind: 'move',
        seg: 'all',
        grid: 50,
        rowPx: ROW_PX,
        rows: 250,
        total: 3,
        max: 2,
        windowMs: 300_000,
        fixed: [],
      });
      expect(hm.tiles).toEqual([
        [0, 0, 2],
        [49, 249, 1],
      ]);
      const clicks = await store.snapshot({ site, page: '/', kind: 'click', seg: 'all', window: '5m', now: T0 });
      expect(clicks.tiles).toEqual([[25, 125, 1]]);
    });

    it('keeps a tile for the 5-minute window, then lets it leave; a quiet page fades', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10)], { site }));
      const q = { site, page: '/', kind: 'move' as const, seg: 'all' as const, window: '5m' as const };
      const t1 = await store.advance(site, '/', '5m', T0);
      expect((await store.snapshot({ ...q, now: T0 + 290_000 })).total).toBe(1);
      expect((await store.snapshot({ ...q, now: T0 + 299_999 })).total).toBe(1);
      const later = T0 + 300_000;
      const t2 = await store.advance(site, '/', '5m', later);
      expect(t2).not.toBe(t1);
      expect((await store.snapshot({ ...q, now: later })).tiles).toEqual([]);
      expect((await store.snapshot({ ...q, window: '1h', now: later })).total).toBe(1);
      expect(await store.advance(site, '/', '5m', later + 1000)).toBe(t2); // nothing moved
    });

    it('counts a retried batch once', async () => {
      const site = fresh();
      const b = folded([move(10, 10)], { site, id: 'retry-me' });
      expect((await store.record(b)).duplicate).toBe(false);
      expect((await store.record(b)).duplicate).toBe(true);
      expect((await store.snapshot({ site, page: '/', kind: 'move', seg: 'all', window: '5m', now: T0 })).total).toBe(
        1,
      );
      expect((await store.stats({ site, page: '/', window: '5m', now: T0 })).events).toBe(1);
    });

    it('counts concurrent batches of a page, a retry among them once', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10)], { site, id: 'first' }));
      const results = await Promise.all([
        store.record(folded([move(10, 10)], { site, id: 'first' })),
        ...Array.from({ length: 5 }, (_, i) =>
          store.record(folded([move(10, 10), move(990, 10)], { site, id: `c${i}`, sid: `v${i}` })),
        ),
        store.record(folded([move(10, 10)], { site, id: 'c0' })),
      ]);
      expect(results.map((r) => r.duplicate)).toEqual([true, false, false, false, false, false, true]);
      const hm = await store.snapshot({ site, page: '/', kind: 'move', seg: 'all', window: '5m', now: T0 });
      expect(hm.tiles).toEqual([
        [0, 0, 6],
        [49, 0, 5],
      ]);
      expect((await store.stats({ site, page: '/', window: '5m', now: T0 })).visitors).toBe(6);
    });

    it('puts a late event in its own bucket, and keeps it out of windows it has left', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10)], { site, ago: 240_000 })); // 4 minutes late
      const q = { site, page: '/', kind: 'move' as const, seg: 'all' as const, window: '5m' as const };
      expect((await store.snapshot({ ...q, now: T0 })).total).toBe(1);
      expect((await store.snapshot({ ...q, now: T0 + 65_000 })).total).toBe(0); // left with its bucket
      await store.record(folded([move(10, 10)], { site, ago: 600_000, now: T0 + 65_000 })); // older than 5 min
      expect((await store.snapshot({ ...q, now: T0 + 65_000 })).total).toBe(0);
      expect((await store.snapshot({ ...q, window: '1h', now: T0 + 65_000 })).total).toBe(2);
    });

    it('drops events older than the longest retention and clamps the future', async () => {
      const site = fresh();
      const old = folded([move(10, 10)], {
        site,
        ago: 31 * 24 * 3600_000,
        fold: { own: new Set(), retentionMs: 30 * 24 * 3600_000 },
      });
      expect(old.tooOld).toBe(1);
      expect(folded([move(10, 10)], { site, ago: 366 * 24 * 3600_000 }).tooOld).toBe(1); // past every site's
      const future = folded([move(10, 10)], { site, ago: -3_600_000 });
      expect(future.items[0]!.b).toBe(T0);
      await store.record(future);
      expect((await store.snapshot({ site, page: '/', kind: 'move', seg: 'all', window: '5m', now: T0 })).total).toBe(
        1,
      );
    });

    it('moves an event through every window as it ages, swept every 30 s', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10), { type: 'pageview', vh: 800 }], { site }));
      const total = async (window: '5m' | '1h' | '24h' | '30d', now: number) =>
        (await store.snapshot({ site, page: '/', kind: 'move', seg: 'all', window, now })).total;
      const views = async (window: '5m' | '1h' | '24h' | '30d', now: number) =>
        (await store.stats({ site, page: '/', window, now })).views;
      const until = async (end: number, from: number) => {
        for (let t = from; t <= end; t += 30_000) await store.sweep(site, t);
      };
      await until(T0 + 10 * 60_000, T0);
      let now = T0 + 10 * 60_000;
      expect([
        await total('5m', now),
        await total('1h', now),
        await total('24h', now),
        await total('30d', now),
      ]).toEqual([0, 1, 1, 1]);
      expect([await views('5m', now), await views('1h', now)]).toEqual([0, 1]);
      await until(T0 + 62 * 60_000, now);
      now = T0 + 62 * 60_000;
      expect([await total('1h', now), await total('24h', now), await total('30d', now)]).toEqual([0, 1, 1]);
      await until(T0 + 25 * 3600_000, now);
      now = T0 + 25 * 3600_000;
      expect([await total('24h', now), await total('30d', now), await views('30d', now)]).toEqual([0, 1, 1]);
    });

    it('splits by width segment and sums them as all', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10)], { site, vw: 500 }));
      await store.record(folded([move(10, 10), move(990, 10)], { site, vw: 1900, sid: 'v2' }));
      const at = (seg: 'all' | 's' | 'm' | 'l') =>
        store.snapshot({ site, page: '/', kind: 'move', seg, window: '5m', now: T0 });
      expect((await at('s')).tiles).toEqual([[0, 0, 1]]);
      expect((await at('m')).tiles).toEqual([]);
      expect((await at('l')).tiles).toEqual([
        [0, 0, 1],
        [49, 0, 1],
      ]);
      expect((await at('all')).tiles).toEqual([
        [0, 0, 2],
        [49, 0, 1],
      ]);
    });

    it('ranks pages with their numbers and an events series', async () => {
      const site = fresh();
      await store.record(folded([{ type: 'pageview', vh: 800 }], { site, path: '/a' }));
      await store.record(
        folded([{ type: 'pageview', vh: 800 }, move(1, 1), move(2, 2)], { site, path: '/b', now: T0 + 5000 }),
      );
      const p = await store.pages({ site, window: '5m', now: T0 + 5000, limit: 10 });
      expect(p.pages.map((s) => [s.path, s.events, s.views])).toEqual([
        ['/b', 3, 1],
        ['/a', 1, 1],
      ]);
      expect(p.bucketMs).toBe(5000);
      expect(p.series).toHaveLength(60);
      expect(p.series.slice(-2)).toEqual([
        [T0, 1],
        [T0 + 5000, 3],
      ]);
    });

    it('keeps sites apart: the same path on two sites shares nothing', async () => {
      const a = fresh();
      const b = fresh();
      await store.record(folded([move(10, 10)], { site: a, path: '/same' }));
      expect(
        (await store.snapshot({ site: b, page: '/same', kind: 'move', seg: 'all', window: '5m', now: T0 })).total,
      ).toBe(0);
      expect((await store.pages({ site: b, window: '5m', now: T0, limit: 10 })).pages).toEqual([]);
    });

    it('reports watched pages to writers', async () => {
      const site = fresh();
      expect((await store.record(folded([move(1, 1)], { site }))).watched).toBe(false);
      await store.watch(site, '/', 2000, T0);
      expect((await store.record(folded([move(1, 1)], { site }))).watched).toBe(true);
    });

    const parts = { store: () => store, fresh, folded, now: T0 };
    describeStats(parts);
    describeSeries(parts);
    describeLimits(parts);
    describeLayout(() => store, fresh);
    describeSources(parts);
    describeAlerts(parts);
    describeViews(parts);
    describeCaptures(parts);
    describeWindowChanges(parts);
    describeSealing(parts);

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    // Last: the keys every test above left behind. Without a TTL, a key outlives every collector.
    if (scan) {
      it('gives every key a TTL and a name from the vocabulary', async () => {
        await store.close(); // queued ranking is written first
        const found = await scan();
        expect(found.keys).toBeGreaterThan(100);
        expect(found.noTtl).toEqual([]);
        expect(found.unknown).toEqual([]);
      });
    }
  });
}
