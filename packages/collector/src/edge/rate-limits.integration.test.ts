import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { SITES, batch, get, openLive, post } from '@heatlens/testkit/collector';
import { SHARED_STORES } from '@heatlens/testkit/shared-stores';
import { fleetOn, startTestCollector } from '../test-support/test-collector.js';

const [shop, blog] = [SITES[0]!, SITES[1]!];
const limit = (points: number) => ({ points, seconds: 60 });

describe('rate limits (in memory)', () => {
  let byIp: Collector;
  let bySite: Collector;
  beforeAll(async () => {
    [byIp, bySite] = await Promise.all([
      startTestCollector({
        rateLimits: { writesPerIp: limit(5), readsPerToken: limit(3) },
      }),
      startTestCollector({ rateLimits: { writesPerSite: limit(3) } }),
    ]);
  });
  afterAll(() => Promise.all([byIp.close(), bySite.close()]));

  it('answers 429 with a CORS-readable Retry-After past the per-IP write limit', async () => {
    for (let i = 0; i < 5; i++) expect((await post(byIp.url, batch())).status).toBe(204);
    const res = await post(byIp.url, batch());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect((await res.json()).error).toMatch(/rate limit/);
    // Reads are limited apart from writes.
    expect((await get(byIp.url, '/api/sites', shop.readToken)).status).toBe(200);
  });

  it('limits writes per site, leaving other sites alone', async () => {
    for (let i = 0; i < 3; i++) expect((await post(bySite.url, batch())).status).toBe(204);
    expect((await post(bySite.url, batch())).status).toBe(429);
    expect((await post(bySite.url, batch({ site: 'blog' }), 'https://blog.example')).status).toBe(204);
  });

  it('limits reads per token, on the API and on /live upgrades', async () => {
    const c = await startTestCollector({
      rateLimits: { readsPerToken: limit(3) },
    });
    try {
      for (let i = 0; i < 3; i++) expect((await get(c.url, '/api/sites', shop.readToken)).status).toBe(200);
      const res = await get(c.url, '/api/stats?site=shop&path=/', shop.readToken);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBeTruthy();
      await expect(openLive(c.url, 'site=shop&path=/', shop.readToken)).rejects.toThrow('upgrade refused: 429');
      expect((await get(c.url, '/api/sites', blog.readToken)).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it('counts a read by its cost: a 500-page read spends what 21 small ones do', async () => {
    const c = await startTestCollector({ rateLimits: { readsPerToken: limit(30) } });
    try {
      expect((await get(c.url, '/api/pages?site=shop&limit=500', shop.readToken)).status).toBe(200);
      for (let i = 0; i < 9; i++) expect((await get(c.url, '/api/sites', shop.readToken)).status).toBe(200);
      expect((await get(c.url, '/api/sites', shop.readToken)).status).toBe(429);
      expect((await get(c.url, '/api/pages?site=blog&limit=500', blog.readToken)).status).toBe(200);
      expect((await get(c.url, '/api/pages?site=blog&limit=500', blog.readToken)).status).toBe(429);
    } finally {
      await c.close();
    }
  });
});

for (const store of SHARED_STORES) {
  describe.runIf(store.available())(`rate limits on ${store.name}`, () => {
    const fleet = fleetOn(store, 2, { rateLimits: { writesPerIp: limit(4), syncMs: 50 } });
    let a: Collector;
    let b: Collector;
    beforeAll(() => {
      [a, b] = fleet as [Collector, Collector];
    });

    it('shares one count across collectors, exchanged in the background', async () => {
      for (const c of [a, b, a, b]) expect((await post(c.url, batch())).status).toBe(204);
      // No write waits for Redis: each collector learns the other's count at the next exchange.
      await new Promise((r) => setTimeout(r, 300));
      expect((await post(a.url, batch())).status).toBe(429);
      expect((await post(b.url, batch())).status).toBe(429);
    });
  });
}
