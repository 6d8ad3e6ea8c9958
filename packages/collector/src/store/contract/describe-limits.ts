import { describe, expect, it } from 'vitest';
import { MAX_URL } from '@heatlens/schema';
import { move, type ContractParts } from './fixtures.js';
import { MAX_FAMILY_MEMBERS } from '../../core/limits.js';
import { DEFAULT_MAX_PAGES, OTHER_PAGE, PAGE_CAP_BUCKET_MS, reservedPlaces } from '../page-cap.js';

/**
 * The limits part of the store contract (called inside `describeStore`): pages per site, known
 * pages against a burst of new paths, distinct strings per family.
 */
export function describeLimits(t: ContractParts) {
  describe('limits', () => {
    const { store, fresh, folded, now: T0 } = t;

    it('caps the distinct pages of a site per 5-minute bucket, folding the excess into (other)', async () => {
      const site = fresh();
      const results = [];
      // The first-come places; the reserved ones go to paths a second session comes back to.
      const firstCome = DEFAULT_MAX_PAGES - reservedPlaces(DEFAULT_MAX_PAGES);
      for (let i = 0; i < firstCome + 2; i++)
        results.push(await store().record(folded([move(10, 10)], { site, path: `/p${i}` })));
      expect(results.slice(0, firstCome).every((r, i) => r.page === `/p${i}`)).toBe(true);
      expect(results.slice(-2).map((r) => r.page)).toEqual([OTHER_PAGE, OTHER_PAGE]);
      const back = `/p${firstCome}`;
      expect((await store().record(folded([move(10, 10)], { site, path: back, sid: 'visitor2' }))).page).toBe(back);
      await store().record(folded([move(10, 10)], { site, path: back, sid: 'visitor2' }));
      // A page admitted in this bucket keeps its own counts; the excess shares one page.
      expect((await store().record(folded([move(10, 10)], { site, path: '/p0' }))).page).toBe('/p0');
      const other = await store().snapshot({ site, page: OTHER_PAGE, kind: 'move', seg: 'all', window: '5m', now: T0 });
      expect(other.total).toBe(2);
      expect(
        (await store().snapshot({ site, page: '/p0', kind: 'move', seg: 'all', window: '5m', now: T0 })).total,
      ).toBe(2);
      // The cap is per site, and a new bucket admits new pages again.
      expect((await store().record(folded([move(10, 10)], { site: fresh(), path: '/new' }))).page).toBe('/new');
      const later = T0 + PAGE_CAP_BUCKET_MS;
      expect((await store().record(folded([move(10, 10)], { site, path: '/new', now: later }))).page).toBe('/new');
    });

    it('keeps known pages their place against a burst of new paths at a bucket boundary', async () => {
      const site = fresh();
      const page = (path: string, now: number) => store().record(folded([move(10, 10)], { site, path, now }));
      expect((await page('/product/:id', T0)).page).toBe('/product/:id');
      await store().pages({ site, window: '5m', now: T0, limit: 1 }); // its ranking (last write) is in
      const next = T0 + PAGE_CAP_BUCKET_MS;
      for (let i = 0; i < DEFAULT_MAX_PAGES; i++) await page(`/junk/${i}`, next);
      expect((await page('/junk/new', next)).page).toBe(OTHER_PAGE);
      expect((await page('/product/:id', next + 1)).page).toBe('/product/:id');
      expect(
        (await store().snapshot({ site, page: '/product/:id', kind: 'move', seg: 'all', window: '1h', now: next + 1 }))
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
        await store().record(folded([...events, { type: 'custom', name: `n${i}` }], { site }));
      }
      const s = await store().stats({ site, page: '/', window: '5m', now: T0 });
      expect(s.outbound.total).toBe(distinct); // every event counted
      expect(s.outbound.top[0]).toEqual({ url: '(other)', count: 50 });
      // Each long URL bounded to MAX_URL with a hash of the whole, so distinct ones stay distinct.
      expect(
        s.outbound.top.slice(1).every((t) => t.count === 1 && t.url.length <= MAX_URL && /~[0-9a-z]+$/.test(t.url)),
      ).toBe(true);
      // Another family of the same page has its own cap; another site is untouched.
      expect(s.custom).toHaveLength(Math.ceil(distinct / 30));
      const other = fresh();
      await store().record(folded([{ type: 'outbound', url: 'https://example.org/ok' }], { site: other }));
      expect((await store().stats({ site: other, page: '/', window: '5m', now: T0 })).outbound.top).toEqual([
        { url: 'https://example.org/ok', count: 1 },
      ]);
    });
  });
}
