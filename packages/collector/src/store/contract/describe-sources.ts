import type { Event } from '@heatlens/schema';
import { expect, it } from 'vitest';
import type { FoldSite, FoldedBatch } from '../../core/fold.js';
import { ownHosts } from '../../core/sources.js';
import { MAX_FAMILY_MEMBERS } from '../../core/limits.js';
import type { Store } from '../types.js';

type Folded = (
  events: Array<Partial<Event> & { type: Event['type'] }>,
  o?: { now?: number; site?: string; path?: string; sid?: string; fold?: FoldSite },
) => FoldedBatch;

const shop: FoldSite = {
  own: ownHosts(['https://shop.example', 'https://www.shop-cdn.example']),
  pageHost: 'shop.example',
};
const view = (ref: string | undefined, lang: string, tz: string, sw = 1920, sh = 1080) => ({
  type: 'pageview' as const,
  vh: 900,
  lang,
  tz,
  sw,
  sh,
  ...(ref === undefined ? {} : { ref }),
});

/**
 * The sources part of the store contract (called inside `describeStore`): page views by referrer,
 * language, time zone, region and screen, per page and per site, in every window, capped.
 */
export function describeSources(t: { store: () => Store; fresh: () => string; folded: Folded; now: number }) {
  const { fresh, folded, now } = t;

  it('counts page views by referrer, language, time zone, region and screen', async () => {
    const store = t.store();
    const site = fresh();
    await store.record(
      folded(
        [
          view('https://www.google.com/search', 'pt-BR', 'Europe/Lisbon'),
          view('https://google.com/', 'en-US', 'America/New_York', 390, 844),
          view(undefined, 'en', 'UTC'),
          view('https://shop.example/product/1', 'en-GB', 'Europe/London'), // the site's own page
          view('https://shop-cdn.example/x', 'de', 'Europe/Berlin'), // an own host, `www.` folded
          view('android-app://com.google.android.gm/', 'fr', 'Europe/Paris', 1024, 768),
          view('not a url', 'english', 'Mars/Olympus'), // malformed: not counted
        ],
        { site, fold: shop },
      ),
    );
    const s = (await store.stats({ site, page: '/', window: '5m', now })).sources;
    expect(s.referrers).toEqual([
      ['(internal)', 2],
      ['google.com', 2],
      ['(direct)', 1],
      ['android-app://com.google.android.gm', 1],
    ]);
    expect(s.languages).toEqual([
      ['en', 3],
      ['de', 1],
      ['fr', 1],
      ['pt', 1],
    ]);
    expect(s.timeZones).toEqual([
      ['America/New_York', 1],
      ['Europe/Berlin', 1],
      ['Europe/Lisbon', 1],
      ['Europe/London', 1],
      ['Europe/Paris', 1],
      ['UTC', 1],
    ]);
    expect(s.regions).toEqual([
      ['Europe', 4],
      ['America', 1],
    ]);
    expect(s.screens).toEqual([
      ['l 1920x1080', 5],
      ['m 1024x768', 1],
      ['s 390x844', 1],
    ]);
  });

  it("counts a site's sources over its pages, in every window, and lets them leave the live one", async () => {
    const store = t.store();
    const site = fresh();
    await store.record(
      folded([view('https://news.ycombinator.com/item', 'en', 'Asia/Tokyo')], { site, path: '/a', fold: shop }),
    );
    await store.record(
      folded([view('https://news.ycombinator.com/', 'ja', 'Asia/Tokyo'), view('https://t.co/x', 'ja', 'Asia/Tokyo')], {
        site,
        path: '/b',
        fold: shop,
      }),
    );
    const p = await store.pages({ site, window: '5m', now, limit: 50 });
    expect(p.sources.referrers).toEqual([
      ['news.ycombinator.com', 2],
      ['t.co', 1],
    ]);
    expect(p.sources.languages).toEqual([
      ['ja', 2],
      ['en', 1],
    ]);
    expect(p.sources.regions).toEqual([['Asia', 3]]);
    expect(p.pages.find((x) => x.path === '/a')!.sources.referrers).toEqual([['news.ycombinator.com', 1]]);
    const later = now + 300_000;
    expect((await store.pages({ site, window: '5m', now: later, limit: 50 })).sources.referrers).toEqual([]);
    expect((await store.pages({ site, window: '1h', now: later, limit: 50 })).sources.referrers).toEqual([
      ['news.ycombinator.com', 2],
      ['t.co', 1],
    ]);
  });

  it('caps distinct referrers per page and window, counting the rest as (other)', async () => {
    const store = t.store();
    const site = fresh();
    const distinct = MAX_FAMILY_MEMBERS + 40;
    for (let i = 0; i < distinct; i += 50) {
      const events = Array.from({ length: Math.min(50, distinct - i) }, (_, j) =>
        view(`https://r${String(i + j).padStart(4, '0')}.example/`, 'en', 'Europe/Rome'),
      );
      await store.record(folded(events, { site, fold: shop }));
    }
    const s = await store.stats({ site, page: '/', window: '5m', now });
    expect(s.views).toBe(distinct);
    expect(s.sources.referrers[0]).toEqual(['(other)', 40]);
    expect(s.sources.referrers).toHaveLength(20);
    expect(s.sources.languages).toEqual([['en', distinct]]); // other families keep their own cap
  });
}
