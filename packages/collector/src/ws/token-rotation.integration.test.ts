import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { SITES, get, openLive } from '@heatlens/testkit/collector';

describe('rotating a read token at runtime', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({ hopMs: 50 });
  });
  afterAll(() => c.close());

  it('closes the sockets the old token opened within 5 s, and lets the new one in', async () => {
    const old = SITES[0]!.readToken;
    const page = await openLive(c.url, 'site=shop&path=/', old);
    const pages = await openLive(c.url, 'site=shop', old);
    const other = await openLive(c.url, 'site=blog&path=/', SITES[1]!.readToken);
    await page.next((f) => f.type === 'snapshot');
    const closed = (ws: typeof page.ws) =>
      new Promise<number>((resolve, reject) => {
        ws.once('close', (code) => resolve(code));
        setTimeout(() => reject(new Error('still open after 5 s')), 5000).unref();
      });
    const closes = Promise.all([closed(page.ws), closed(pages.ws)]);

    const rotated = 'shop-rotated-token-9876543210';
    expect(c.updateSites([{ ...SITES[0]!, readToken: rotated }, SITES[1]!])).toBe(2);
    expect(await closes).toEqual([1008, 1008]);
    expect(other.ws.readyState).toBe(other.ws.OPEN); // another site's viewers are untouched

    expect((await get(c.url, '/api/sites', old)).status).toBe(401);
    await expect(openLive(c.url, 'site=shop&path=/', old)).rejects.toThrow('upgrade refused: 401');
    const fresh = await openLive(c.url, 'site=shop&path=/', rotated);
    expect(c.sites[0]!.readToken).toBe(rotated);
    fresh.ws.close();
    other.ws.close();
  });

  it('refuses invalid sites with a TypeError and keeps those in force', () => {
    expect(() => c.updateSites([{ id: 'bad id', origins: ['*'], readToken: 'x'.repeat(20) }])).toThrow(TypeError);
    expect(c.sites.map((s) => s.id)).toEqual(['shop', 'blog']);
  });
});
