import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Setup } from '@heatlens/schema';
import { batch, get, post } from '@heatlens/testkit/collector';
import { SHARED_STORES, type SharedStore } from '@heatlens/testkit/shared-stores';
import type { Collector } from '../server.js';
import { startFleet, startTestCollector } from '../test-support/test-collector.js';

// GET /api/setup: why a site's batches are refused, so a wrong origin or a typo'd site id does not
// fail in silence. In memory for one collector; on Redis and a Redis Cluster, two collectors behind
// a balancer count together and answer alike.

const SHOP = 'shop-read-token-0123456789';

/** Refusals of every kind, split over the collectors (a balancer would). */
async function refuse(urls: string[]) {
  const at = (i: number) => urls[i % urls.length]!;
  for (let i = 0; i < 4; i++) expect((await post(at(i), batch(), 'http://localhost:3000')).status).toBe(403);
  // Seven more made-up origins: four kept by name beside localhost, the other three counted as other.
  for (let i = 0; i < 7; i++) expect((await post(at(i), batch(), `https://evil${i}.example`)).status).toBe(403);
  expect((await post(at(0), batch({ site: 'Shop' }))).status).toBe(403);
  expect((await post(at(1), batch({ site: 'shpo' }))).status).toBe(403);
  expect((await post(at(0), batch({ site: 'newsletter' }))).status).toBe(403);
  expect((await post(at(1), batch({ vw: 'wide' }))).status).toBe(400);
  expect((await post(at(0), batch())).status).toBe(204);
}

function check(s: Setup, before: number) {
  expect(s.site).toBe('shop');
  expect(s.windowMs).toBe(3_600_000);
  expect(s.refused.origin.count).toBe(11);
  expect(s.refused.origin.top[0]).toEqual({ detail: 'http://localhost:3000', count: 4 });
  expect(s.refused.origin.top).toHaveLength(5);
  expect(s.refused.origin.other).toBe(3);
  // Near-misses of "shop" only: another site's id is not shown here.
  expect(s.refused.unknown_site.top.map((t) => t.detail).sort()).toEqual(['Shop', 'shpo']);
  expect(s.refused.invalid).toEqual({ count: 1, top: [{ detail: 'vw', count: 1 }], other: 0 });
  expect(s.refused.rate_limited.count).toBe(0);
  expect(s.lastAccepted).toBeGreaterThanOrEqual(before);
}

describe('GET /api/setup, memory store', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector();
  });
  afterAll(() => c?.close());

  it('counts refused batches by reason with origin, field or near-miss site id, and the last accepted', async () => {
    const before = Date.now();
    await refuse([c.url]);
    const res = await get(c.url, '/api/setup?site=shop', SHOP);
    expect(res.status).toBe(200);
    check(await res.json(), before);
  });

  it('needs the site read token', async () => {
    expect((await get(c.url, '/api/setup?site=shop')).status).toBe(401);
    expect((await get(c.url, '/api/setup?site=blog', SHOP)).status).toBe(403);
  });

  it('rate-limited batches are counted for their site', async () => {
    const limited = await startTestCollector({ rateLimits: { writesPerSite: { points: 1, seconds: 60 } } });
    try {
      await post(limited.url, batch());
      const second = await post(limited.url, batch());
      expect(second.status).toBe(429);
      const s = (await (await get(limited.url, '/api/setup?site=shop', SHOP)).json()) as Setup;
      expect(s.refused.rate_limited.count).toBe(1);
    } finally {
      await limited.close();
    }
  });
});

for (const kind of SHARED_STORES)
  describe.runIf(kind.available())(`GET /api/setup, two collectors on ${kind.name}`, () => {
    let store: SharedStore;
    let fleet: Collector[];
    beforeAll(async () => {
      store = await kind.start();
      fleet = await startFleet(store, 2);
    }, 60_000);
    afterAll(async () => {
      await Promise.all((fleet ?? []).map((c) => c.close()));
      await store?.stop();
    });

    it('both collectors give the same answer, counting the refusals each saw', async () => {
      const before = Date.now();
      await refuse(fleet.map((c) => c.url));
      // Each collector's tallies reach Redis within its flush interval (a read flushes its own at once).
      const count = async (c: Collector) =>
        ((await (await get(c.url, '/api/setup?site=shop', SHOP)).json()) as Setup).refused.origin.count;
      await expect.poll(() => count(fleet[0]!), { timeout: 5000 }).toBe(11);
      const [a, b] = await Promise.all(fleet.map(async (c) => (await get(c.url, '/api/setup?site=shop', SHOP)).json()));
      check(a, before);
      // The second read flushed nothing new: the same tallies.
      expect({ ...b, to: 0 }).toEqual({ ...a, to: 0 });
    });
  });
