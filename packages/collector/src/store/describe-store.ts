import { ROW_PX, parseBatch, type Batch, type Event } from '@heatlens/schema';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { foldBatch, type FoldSite } from '../fold.js';
import { describeLayout } from './describe-layout.js';
import { describeAlerts } from './describe-alerts.js';
import { describeSources } from './describe-sources.js';
import { MAX_FAMILY_MEMBERS, MAX_MEMBER_CHARS } from './limits.js';
import { DEFAULT_MAX_PAGES, OTHER_PAGE, PAGE_CAP_BUCKET_MS } from './page-cap.js';
import type { Store } from './types.js';

/** A bucket-aligned instant (multiple of 6 h) the contract's batches are sent at. */
export const T0 = 1_750_000_000_000;
let seq = 0;
/** A validated, folded batch at server time `now`, events stamped `ago` ms before it was sent. */
export function folded(
  events: Array<Partial<Event> & { type: Event['type'] }>,
  o: {
    now?: number;
    site?: string;
    path?: string;
    sid?: string;
    vw?: number;
    id?: string;
    ago?: number;
    fold?: FoldSite;
  } = {},
) {
  const now = o.now ?? T0;
  const input = {
    v: 1,
    id: o.id ?? `b${++seq}`,
    site: o.site ?? 'shop',
    sid: o.sid ?? 'visitor1',
    path: o.path ?? '/',
    vw: o.vw ?? 1280,
    sent: now,
    events: events.map((e) => ({ ts: now - (o.ago ?? 0), ...e })),
  };
  const r = parseBatch(input);
  if (!r.ok) throw new Error(r.error);
  return foldBatch(r.value as Batch, input.path, now, 50, o.fold);
}
const move = (x: number, y: number) => ({ type: 'move' as const, x, y, w: 1000, h: 5000 });

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
      const hm = await store.snapshot({ site, path: '/', kind: 'move', seg: 'all', window: '5m', now: T0 });
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
      const clicks = await store.snapshot({ site, path: '/', kind: 'click', seg: 'all', window: '5m', now: T0 });
      expect(clicks.tiles).toEqual([[25, 125, 1]]);
    });

    it('keeps a tile for the 5-minute window, then lets it leave; a quiet page fades', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10)], { site }));
      const q = { site, path: '/', kind: 'move' as const, seg: 'all' as const, window: '5m' as const };
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
      expect((await store.snapshot({ site, path: '/', kind: 'move', seg: 'all', window: '5m', now: T0 })).total).toBe(
        1,
      );
      expect((await store.stats({ site, path: '/', window: '5m', now: T0 })).events).toBe(1);
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
      const hm = await store.snapshot({ site, path: '/', kind: 'move', seg: 'all', window: '5m', now: T0 });
      expect(hm.tiles).toEqual([
        [0, 0, 6],
        [49, 0, 5],
      ]);
      expect((await store.stats({ site, path: '/', window: '5m', now: T0 })).visitors).toBe(6);
    });

    it('puts a late event in its own bucket, and keeps it out of windows it has left', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10)], { site, ago: 240_000 })); // 4 minutes late
      const q = { site, path: '/', kind: 'move' as const, seg: 'all' as const, window: '5m' as const };
      expect((await store.snapshot({ ...q, now: T0 })).total).toBe(1);
      expect((await store.snapshot({ ...q, now: T0 + 65_000 })).total).toBe(0); // left with its bucket
      await store.record(folded([move(10, 10)], { site, ago: 600_000, now: T0 + 65_000 })); // older than 5 min
      expect((await store.snapshot({ ...q, now: T0 + 65_000 })).total).toBe(0);
      expect((await store.snapshot({ ...q, window: '1h', now: T0 + 65_000 })).total).toBe(2);
    });

    it('drops events older than the longest retention and clamps the future', async () => {
      const site = fresh();
      const old = folded([move(10, 10)], { site, ago: 31 * 24 * 3600_000 });
      expect(old.tooOld).toBe(1);
      const future = folded([move(10, 10)], { site, ago: -3_600_000 });
      expect(future.items[0]!.b).toBe(T0);
      await store.record(future);
      expect((await store.snapshot({ site, path: '/', kind: 'move', seg: 'all', window: '5m', now: T0 })).total).toBe(
        1,
      );
    });

    it('moves an event through every window as it ages, swept every 30 s', async () => {
      const site = fresh();
      await store.record(folded([move(10, 10), { type: 'pageview', vh: 800 }], { site }));
      const total = async (window: '5m' | '1h' | '24h' | '30d', now: number) =>
        (await store.snapshot({ site, path: '/', kind: 'move', seg: 'all', window, now })).total;
      const views = async (window: '5m' | '1h' | '24h' | '30d', now: number) =>
        (await store.stats({ site, path: '/', window, now })).views;
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
        store.snapshot({ site, path: '/', kind: 'move', seg, window: '5m', now: T0 });
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

    it('counts every kind of event in stats', async () => {
      const site = fresh();
      await store.record(
        folded(
          [
            { type: 'pageview', vh: 800 },
            { type: 'click', x: 1, y: 1, w: 10, h: 10, sel: 'button.buy', rage: true },
            { type: 'click', x: 1, y: 1, w: 10, h: 10, sel: 'button.buy', dead: true },
            { type: 'click', x: 1, y: 1, w: 10, h: 10, sel: 'a.home' },
            { type: 'form', action: 'start', form: 'signup' },
            { type: 'form', action: 'submit', form: 'signup' },
            { type: 'media', kind: 'video', action: 'play', src: '/v.webm' },
            { type: 'media', kind: 'video', action: 'complete', src: '/v.webm' },
            { type: 'media', kind: 'audio', action: 'p50', src: '/a.ogg' },
            { type: 'download', url: '/files/a.pdf' },
            { type: 'image_view', src: '/img/1.png' },
            { type: 'outbound', url: 'https://example.org/' },
            { type: 'engagement', ms: 1500 },
            { type: 'engagement', ms: 500 },
            { type: 'custom', name: 'add_to_cart' },
          ],
          { site },
        ),
      );
      await store.record(folded([{ type: 'pageview', vh: 800 }], { site, sid: 'visitor2' }));
      const s = await store.stats({ site, path: '/', window: '5m', now: T0 });
      expect(s).toMatchObject({
        site,
        path: '/',
        events: 16,
        views: 2,
        visitors: 2,
        clicks: 3,
        rage: 1,
        dead: 1,
        engagedMs: 2000,
        selectors: [
          { sel: 'button.buy', count: 2 },
          { sel: 'a.home', count: 1 },
        ],
        forms: { starts: 1, submits: 1, byForm: [{ form: 'signup', starts: 1, submits: 1 }] },
        downloads: { total: 1, top: [{ url: '/files/a.pdf', count: 1 }] },
        imageViews: { total: 1, top: [{ src: '/img/1.png', count: 1 }] },
        outbound: { total: 1, top: [{ url: 'https://example.org/', count: 1 }] },
        custom: [{ name: 'add_to_cart', count: 1 }],
      });
      expect(s.media.video).toEqual({ play: 1, p25: 0, p50: 0, p75: 0, complete: 1 });
      expect(s.media.audio.p50).toBe(1);
      expect(s.media.bySrc).toContainEqual({
        src: '/v.webm',
        kind: 'video',
        counts: { play: 1, p25: 0, p50: 0, p75: 0, complete: 1 },
      });
    });

    it('counts each session once in the scroll map, at its deepest band', async () => {
      const site = fresh();
      await store.record(folded([{ type: 'scroll', depth: 20 }], { site, sid: 'a' }));
      await store.record(
        folded(
          [
            { type: 'scroll', depth: 30 },
            { type: 'scroll', depth: 60 },
          ],
          { site, sid: 'a' },
        ),
      );
      await store.record(folded([{ type: 'scroll', depth: 40 }], { site, sid: 'a' })); // not deeper
      await store.record(folded([{ type: 'scroll', depth: 100 }], { site, sid: 'b' }));
      const hm = await store.snapshot({ site, path: '/', kind: 'scroll', seg: 'all', window: '5m', now: T0 });
      expect(hm.tiles).toEqual([
        [0, 30, 1],
        [0, 49, 1],
      ]);
      expect(hm.total).toBe(2);
      const s = await store.stats({ site, path: '/', window: '5m', now: T0 });
      expect(s.scroll.sessions).toBe(2);
      expect(s.scroll.reach).toEqual([1, 1, 0.5, 0.5]);
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
        (await store.snapshot({ site: b, path: '/same', kind: 'move', seg: 'all', window: '5m', now: T0 })).total,
      ).toBe(0);
      expect((await store.pages({ site: b, window: '5m', now: T0, limit: 10 })).pages).toEqual([]);
    });

    it('reports watched pages to writers', async () => {
      const site = fresh();
      expect((await store.record(folded([move(1, 1)], { site }))).watched).toBe(false);
      await store.watch(site, '/', 2000, T0);
      expect((await store.record(folded([move(1, 1)], { site }))).watched).toBe(true);
    });

    it('caps the distinct pages of a site per 5-minute bucket, folding the excess into (other)', async () => {
      const site = fresh();
      const results = [];
      for (let i = 0; i < DEFAULT_MAX_PAGES + 2; i++)
        results.push(await store.record(folded([move(10, 10)], { site, path: `/p${i}` })));
      expect(results.slice(0, DEFAULT_MAX_PAGES).every((r, i) => r.path === `/p${i}`)).toBe(true);
      expect(results.slice(-2).map((r) => r.path)).toEqual([OTHER_PAGE, OTHER_PAGE]);
      // A page admitted in this bucket keeps its own counts; the excess shares one page.
      expect((await store.record(folded([move(10, 10)], { site, path: '/p0' }))).path).toBe('/p0');
      const other = await store.snapshot({ site, path: OTHER_PAGE, kind: 'move', seg: 'all', window: '5m', now: T0 });
      expect(other.total).toBe(2);
      expect((await store.snapshot({ site, path: '/p0', kind: 'move', seg: 'all', window: '5m', now: T0 })).total).toBe(
        2,
      );
      // The cap is per site, and a new bucket admits new pages again.
      expect((await store.record(folded([move(10, 10)], { site: fresh(), path: '/new' }))).path).toBe('/new');
      const later = T0 + PAGE_CAP_BUCKET_MS;
      expect((await store.record(folded([move(10, 10)], { site, path: '/new', now: later }))).path).toBe('/new');
    });

    it('keeps known pages their place against a burst of new paths at a bucket boundary', async () => {
      const site = fresh();
      const page = (path: string, now: number) => store.record(folded([move(10, 10)], { site, path, now }));
      expect((await page('/product/:id', T0)).path).toBe('/product/:id');
      await store.pages({ site, window: '5m', now: T0, limit: 1 }); // its ranking (last write) is in
      const next = T0 + PAGE_CAP_BUCKET_MS;
      for (let i = 0; i < DEFAULT_MAX_PAGES; i++) await page(`/junk/${i}`, next);
      expect((await page('/junk/new', next)).path).toBe(OTHER_PAGE);
      expect((await page('/product/:id', next + 1)).path).toBe('/product/:id');
      expect(
        (await store.snapshot({ site, path: '/product/:id', kind: 'move', seg: 'all', window: '1h', now: next + 1 }))
          .total,
      ).toBe(2);
    });

    it('caps the distinct strings of a family per page and window, counting the rest as (other)', async () => {
      const site = fresh();
      const url = (i: number) => `https://example.org/${String(i).padStart(4, '0')}/${'x'.repeat(1900)}`;
      const distinct = MAX_FAMILY_MEMBERS + 50;
      for (let i = 0; i < distinct; i += 30) {
        const events = Array.from({ length: Math.min(30, distinct - i) }, (_, j) => ({
          type: 'outbound' as const,
          url: url(i + j),
        }));
        await store.record(folded([...events, { type: 'custom', name: `n${i}` }], { site }));
      }
      const s = await store.stats({ site, path: '/', window: '5m', now: T0 });
      expect(s.outbound.total).toBe(distinct); // every event counted
      expect(s.outbound.top[0]).toEqual({ url: '(other)', count: 50 });
      expect(s.outbound.top.slice(1).every((t) => t.count === 1 && t.url.length === MAX_MEMBER_CHARS)).toBe(true);
      // Another family of the same page has its own cap; another site is untouched.
      expect(s.custom).toHaveLength(Math.ceil(distinct / 30));
      const other = fresh();
      await store.record(folded([{ type: 'outbound', url: 'https://example.org/ok' }], { site: other }));
      expect((await store.stats({ site: other, path: '/', window: '5m', now: T0 })).outbound.top).toEqual([
        { url: 'https://example.org/ok', count: 1 },
      ]);
    });

    describeLayout(() => store, fresh);
    describeSources({ store: () => store, fresh, folded, now: T0 });
    describeAlerts({ store: () => store, fresh, folded, now: T0 });

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
