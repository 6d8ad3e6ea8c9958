import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRetentionDrops } from '../../retention-drops.js';
import type { RetentionOf } from '../../core/retention.js';
import { bucketOf, windowSpec, windowStart } from '../../core/windows.js';
import { T0, folded, move } from './fixtures.js';
import type { Store } from '../types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAYS = 120;

/** A key of the store under test and its TTL in ms (`pTTL`: -1 none). */
export type KeyTtl = { key: string; ttl: number };

/**
 * The retention part of the store contract, with a simulated clock: a site keeping 400 days gets
 * one visit a day for 120 days, and its 30d, 90d and 365d windows must equal the
 * sum of the day buckets they cover; the same traffic on a site keeping 30 days writes no longer
 * level; every key's TTL follows its site's retention; lowering the retention frees the longer
 * levels at the next daily drop (`startRetentionDrops`). `make` gets the sites' retention look-up;
 * `keys` (stores with keys: Redis) lists every key with its TTL.
 */
export function describeRetention(
  name: string,
  make: (retentionOf: RetentionOf) => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
  keys?: () => Promise<KeyTtl[]>,
) {
  describe(`store contract, retention: ${name}`, () => {
    const retention = new Map<string, number>([
      ['keep400', 400],
      ['keep30', 30],
    ]);
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    // Day d's visit: (d % 3) + 1 moves on one tile and a page view, at noon-ish of day d.
    const visits = Array.from({ length: DAYS }, (_, d) => ({ at: T0 + d * DAY + 12 * HOUR, moves: (d % 3) + 1 }));
    const end = visits.at(-1)!.at + 2 * HOUR;
    const sumWhere = (keep: (at: number) => boolean) =>
      visits.filter((v) => keep(v.at)).reduce((a, v) => a + v.moves, 0);
    const total = async (site: string, window: '30d' | '90d' | '365d', now = end) =>
      (await store.snapshot({ site, page: '/', kind: 'move', seg: 'all', window, now })).total;

    beforeAll(async () => {
      ({ store, cleanup } = await make((site) => retention.get(site) ?? 30));
      // The sites share no key: each goes through its days in order, both at once.
      const fill = async (site: string) => {
        for (let d = 0; d < DAYS; d++) {
          const v = visits[d]!;
          const events = [
            ...Array.from({ length: v.moves }, () => move(10, 10)),
            { type: 'pageview' as const, vh: 800 },
          ];
          await store.record(folded(events, { site, now: v.at, sid: `v${d}` }));
          // Advanced twice a day, the least that moves every bucket on before it would expire: once
          // its live buckets left the 5 min window, once they left the hour. A level found further
          // behind rebuilds its rolls from its buckets (advance.ts), as after an outage.
          for (const t of [v.at + 6.5 * 60_000, v.at + 65 * 60_000]) await store.advance(site, '/', '5m', t);
        }
        await store.advance(site, '/', '5m', end);
      };
      await Promise.all([...retention.keys()].map(fill));
    }, 600_000);
    afterAll(async () => {
      await store.close();
      await cleanup?.();
    });

    it('reads 30d, 90d and 365d of a site keeping 400 days as the sums of the buckets they cover', async () => {
      const day = (at: number) => bucketOf(at, DAY);
      const in90 = sumWhere((at) => day(at) >= bucketOf(end, DAY) - 89 * DAY);
      const in30 = sumWhere((at) => bucketOf(at, 6 * HOUR) >= windowStart(end, windowSpec('30d')));
      const all = sumWhere(() => true);
      expect(in90).toBeLessThan(all); // the first 30 days are past 90d
      expect([await total('keep400', '30d'), await total('keep400', '90d'), await total('keep400', '365d')]).toEqual([
        in30,
        in90,
        all,
      ]);
      const stats = await store.stats({ site: 'keep400', page: '/', window: '365d', now: end });
      expect(stats.views).toBe(DAYS);
      expect(Math.abs(stats.visitors - DAYS)).toBeLessThanOrEqual(3); // a HyperLogLog's estimate
      const pages = await store.pages({ site: 'keep400', window: '365d', now: end, limit: 10 });
      expect(pages.series).toHaveLength(365);
      expect(pages.series.filter(([, n]) => n > 0)).toHaveLength(DAYS);
      expect(pages.series.reduce((a, [, n]) => a + n, 0)).toBe(all + DAYS); // moves and page views
    });

    it('keeps a site of 30 days to its 30 days: same 30d answer, no longer level', async () => {
      expect(await total('keep30', '30d')).toBe(await total('keep400', '30d'));
      if (!keys) return;
      const mine = (await keys()).filter((k) => k.key.startsWith('hl:{keep30'));
      expect(mine.length).toBeGreaterThan(10);
      expect(mine.filter((k) => /:(90d|365d):/.test(k.key))).toEqual([]);
      // The longest TTL of its keys: its known pages, twice its retention.
      for (const k of mine) expect(k.ttl, k.key).toBeLessThanOrEqual(2 * windowSpec('30d').ms);
      for (const k of mine) expect(k.ttl, k.key).not.toBe(-1);
    });

    it('gives every key of a level its window plus slack past its bucket, on the simulated clock', async () => {
      if (!keys) return;
      const mine = (await keys()).filter((k) => k.key.startsWith('hl:{keep400|'));
      const buckets = mine
        .map((k) => ({ ...k, m: /:(30d|90d|365d):[a-z0-9]+:[asml]:(\d+)$/.exec(k.key) }))
        .filter((k) => k.m);
      const levels = new Set(buckets.map((k) => k.m![1]));
      expect([...levels].sort()).toEqual(['30d', '365d', '90d']);
      for (const k of buckets) {
        const w = windowSpec(k.m![1] as '30d');
        const expected = Number(k.m![2]) + w.ms + w.slackMs - end;
        // Set at a write or cascade at or before `end` (so no shorter than from `end`, less the
        // real minutes this suite ran for) and after its bucket began (so no longer than the
        // level's window plus slack).
        expect(k.ttl, k.key).toBeGreaterThan(expected - 600_000);
        expect(k.ttl, k.key).toBeLessThanOrEqual(w.ms + w.slackMs);
      }
      // The oldest visits sit in the 365d level for most of a year still.
      expect(Math.max(...buckets.filter((k) => k.m![1] === '365d').map((k) => k.ttl))).toBeGreaterThan(200 * DAY);
    });

    it('counts an event once in a level found behind its slack (its rolls rebuilt), as after an outage', async () => {
      const at = T0 + 200 * DAY;
      const site = 'keep30';
      await store.record(folded([move(500, 500)], { site, path: '/gap', now: at }));
      await store.advance(site, '/gap', '5m', at + 6.5 * 60_000); // into the 1 h level
      // 40 min later the 1 h level's edge is further behind than its 10 min slack: rebuilt.
      const read = (window: '1h' | '24h', now: number) =>
        store.snapshot({ site, page: '/gap', kind: 'move', seg: 'all', window, now });
      expect([(await read('1h', at + 40 * 60_000)).total, (await read('24h', at + 40 * 60_000)).total]).toEqual([1, 1]);
    });

    it('frees the longer levels at the next daily drop once the retention is lowered', async () => {
      const before30 = await total('keep400', '30d');
      retention.set('keep400', 30);
      const freed = new Map<string, number>();
      const log = {
        info: (o: { site: string; freed: number }) => void freed.set(o.site, o.freed),
        warn: (o: unknown) => expect.fail(JSON.stringify(o)),
      };
      const dropper = startRetentionDrops({
        sites: () => [...retention.keys()].map((id) => ({ id, origins: ['*'], readToken: 'x'.repeat(16) })),
        store,
        now: () => end + HOUR,
        log,
      });
      dropper.close(); // its timers are real; the simulated day's run is called here
      await dropper.run();
      expect(freed.get('keep400')).toBeGreaterThan(0);
      expect(freed.has('keep30')).toBe(false); // nothing past its retention to free
      expect(await total('keep400', '30d', end + HOUR)).toBe(before30);
      expect(await store.dropUnkept('keep400', end + HOUR)).toBe(0); // nothing left to free
      if (keys) {
        // Redis expires on its own clock: a site key whose simulated life had ended (a ranking or
        // series bucket lives its window plus 2 buckets) would be gone in a real deployment.
        const alive = (key: string) => {
          const m = /}:(?:p|ev):(90d|365d):(\d+)$/.exec(key);
          const w = m && windowSpec(m[1] as '90d');
          return !w || Number(m![2]) + w.ms + 2 * w.bucketMs > end + HOUR;
        };
        const left = (await keys()).filter(
          (k) => k.key.startsWith('hl:{keep400') && /:(90d|365d):/.test(k.key) && alive(k.key),
        );
        expect(left).toEqual([]);
      } else {
        // Memory: raising it again finds no 365-day history left.
        retention.set('keep400', 400);
        expect(await total('keep400', '365d', end + HOUR)).toBe(0);
      }
    });
  });
}
