import { ROW_PX } from '@heatlens/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { SITES, batch, get, openLive, post } from '@heatlens/testkit/collector';
import { SHARED_STORES, type SharedStoreKind } from '@heatlens/testkit/shared-stores';
import { fleetOn } from '../../src/test-support/test-collector.js';

const shop = SITES[0]!.readToken;
const HOP_MS = 100;

/** `from`, `to` and the series edges are each collector's own clock: compare the content. */
const withoutClock = (j: unknown): unknown =>
  JSON.parse(JSON.stringify(j, (k, v: unknown) => (k === 'from' || k === 'to' || k === 'series' ? undefined : v)));

/**
 * Collectors are stateless: two processes' worth of collectors on one store must answer the same
 * snapshots, and a viewer on one sees what was posted to the other within one hop.
 */
function describeSeveral(store: SharedStoreKind) {
  describe.runIf(store.available())(`two collectors on ${store.name}`, () => {
    const fleet = fleetOn(store, 2, { hopMs: HOP_MS });
    let a: Collector;
    let b: Collector;
    beforeAll(() => {
      [a, b] = fleet as [Collector, Collector];
    });

    it('accepts batches on either and answers identical snapshots, stats and pages from both', async () => {
      const now = Date.now();
      for (let i = 0; i < 10; i++) {
        const target = i % 2 ? a : b;
        const events = [
          { type: 'pageview', ts: now, vh: 900 },
          { type: 'move', ts: now, x: 100 * i, y: 50 * i, w: 1920, h: 4800 },
          { type: 'click', ts: now, x: 10 * i, y: 20, w: 1920, h: 4800, sel: `a.i${i % 3}` },
        ];
        expect((await post(target.url, batch({ path: `/product/${i}`, sid: `v${i}` }, events))).status).toBe(204);
        expect((await post(target.url, batch({ path: '/cart', sid: `v${i}` }, events))).status).toBe(204);
      }
      const routes = [
        '/api/heatmap?site=shop&path=/product/1&kind=move',
        '/api/heatmap?site=shop&path=/cart&kind=click&seg=l',
        '/api/stats?site=shop&path=/product/3',
        '/api/pages?site=shop',
      ];
      for (const route of routes) {
        // Pages are group-committed per process: the other collector's last batches arrive within a flush.
        await expect
          .poll(
            async () => {
              const [ra, rb] = await Promise.all([get(a.url, route, shop), get(b.url, route, shop)]);
              expect(ra.status).toBe(200);
              const [ja, jb] = await Promise.all([ra.json(), rb.json()]);
              return JSON.stringify(withoutClock(ja)) === JSON.stringify(withoutClock(jb));
            },
            { timeout: 3000 },
          )
          .toBe(true);
      }
      const hm = await (await get(a.url, '/api/heatmap?site=shop&path=/product/1&kind=move', shop)).json();
      expect(hm.total).toBe(10);
      const pages = await (await get(b.url, '/api/pages?site=shop', shop)).json();
      expect(pages.pages.map((p: { path: string; views: number }) => [p.path, p.views])).toEqual([
        ['/cart', 10],
        ['/product/:id', 10],
      ]);
    });

    it('counts a batch retried against the other collector once', async () => {
      const body = batch({ path: '/retried' });
      expect((await post(a.url, body)).status).toBe(204);
      expect((await post(b.url, body)).status).toBe(204);
      const hm = await (await get(b.url, '/api/heatmap?site=shop&path=/retried&kind=move', shop)).json();
      expect(hm.total).toBe(1);
    });

    it('pushes a batch posted to one collector to a /live viewer on the other', async () => {
      const live = await openLive(a.url, 'site=shop&path=/hop&kind=move', shop);
      await live.next((f) => f.type === 'snapshot');
      const res = await post(b.url, batch({ path: '/hop' }));
      expect(res.status).toBe(204);
      // The watched mark is shared through the store: the other collector tells the SDK to hurry.
      expect(res.headers.get('x-heatlens-flush')).toBe('500');
      const frame = await live.next((f) => f.total === 1, 2000);
      expect(frame.tiles).toEqual([[25, 2400 / ROW_PX, 1]]);
      live.ws.close();
    });
  });
}

// A private store each (never REDIS_URL's): these tests assert exact totals per site.
for (const store of SHARED_STORES) describeSeveral(store);
