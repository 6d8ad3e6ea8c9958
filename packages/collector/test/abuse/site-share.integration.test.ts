import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { batch, post } from '@heatlens/testkit/collector';

// The per-site budget is small so that eight sources spend it within a few hundred writes.
const SITE_POINTS = 120;
const PER_SOURCE = 60;

/** POST one write as if from `ip` (the collector trusts X-Forwarded-For here, as behind a balancer). */
const from = (c: Collector, ip: string, path: string) =>
  post(c.url, batch({ path }), 'https://shop.example', { 'x-forwarded-for': ip });

/**
 * Eight sources flood one site while a visitor writes now and then: the site's limit must cut
 * the flood, not the visitor. Before fair shares, the flood spent the site's budget and the
 * visitor got 429 like everyone else.
 */
function floodWith(name: string, attacker: (i: number, n: number) => string, victim: string) {
  it(`keeps a visitor at 204 while 8 ${name} flood the site`, async () => {
    const c = await startTestCollector({
      rateLimits: {
        trustProxy: true,
        writesPerIp: { points: 10_000, seconds: 60 },
        writesPerSite: { points: SITE_POINTS, seconds: 60 },
      },
    });
    try {
      const victimStatuses: number[] = [];
      const floodStatuses: number[] = [];
      for (let round = 0; round < PER_SOURCE; round++) {
        const wave = Array.from({ length: 8 }, (_, i) => from(c, attacker(i, round), '/flood').then((r) => r.status));
        floodStatuses.push(...(await Promise.all(wave)));
        if (round % 6 === 5) victimStatuses.push((await from(c, victim, '/checkout')).status);
      }
      expect(victimStatuses).toEqual(Array(PER_SOURCE / 6).fill(204));
      const accepted = floodStatuses.filter((s) => s === 204).length;
      expect(floodStatuses.filter((s) => s === 429).length).toBe(floodStatuses.length - accepted);
      // The flood got at most the site's budget plus each source's fair share of it.
      expect(accepted).toBeLessThanOrEqual(SITE_POINTS + 8 * Math.ceil(SITE_POINTS / 9));
      expect(accepted).toBeGreaterThanOrEqual(SITE_POINTS - PER_SOURCE / 6);
    } finally {
      await c.close();
    }
  });
}

describe('per-site limit with fair shares', () => {
  floodWith('IPv4 addresses', (i) => `198.51.100.${i + 1}`, '203.0.113.7');
  // One attacker per /64, each rotating through addresses of its /64: still one source each.
  floodWith('IPv6 /64s', (i, n) => `2001:db8:0:${i + 1}::${(n + 1).toString(16)}`, '2001:db8:ffff:1::7');

  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({
      rateLimits: { trustProxy: true, writesPerSite: { points: 5, seconds: 60 } },
    });
  });
  afterAll(() => c.close());

  it('still limits a lone source that spends the site budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await from(c, '198.51.100.200', '/')).status);
    expect(statuses).toEqual([204, 204, 204, 204, 204, 429, 429, 429]);
  });
});
