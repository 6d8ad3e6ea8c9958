import { describe, expect, it } from 'vitest';
import type { ContractParts } from './fixtures.js';

/**
 * The stats part of the store contract (called inside `describeStore`): every kind of event
 * counted, each session once in the scroll map.
 */
export function describeStats(t: ContractParts) {
  describe('stats', () => {
    const { store, fresh, folded, now: T0 } = t;

    it('counts every kind of event in stats', async () => {
      const site = fresh();
      await store().record(
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
      await store().record(folded([{ type: 'pageview', vh: 800 }], { site, sid: 'visitor2' }));
      const s = await store().stats({ site, page: '/', window: '5m', now: T0 });
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
      await store().record(folded([{ type: 'scroll', depth: 20 }], { site, sid: 'a' }));
      await store().record(
        folded(
          [
            { type: 'scroll', depth: 30 },
            { type: 'scroll', depth: 60 },
          ],
          { site, sid: 'a' },
        ),
      );
      await store().record(folded([{ type: 'scroll', depth: 40 }], { site, sid: 'a' })); // not deeper
      await store().record(folded([{ type: 'scroll', depth: 100 }], { site, sid: 'b' }));
      const hm = await store().snapshot({ site, page: '/', kind: 'scroll', seg: 'all', window: '5m', now: T0 });
      expect(hm.tiles).toEqual([
        [0, 30, 1],
        [0, 49, 1],
      ]);
      expect(hm.total).toBe(2);
      const s = await store().stats({ site, page: '/', window: '5m', now: T0 });
      expect(s.scroll.sessions).toBe(2);
      expect(s.scroll.reach).toEqual([1, 1, 0.5, 0.5]);
    });
  });
}
