import { ROW_PX } from '@heatlens/schema';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis } from '@heatlens/testkit/redis-server';

describe('collector HTTP API (memory store)', () => {
  let c: Collector;
  const shop = SITES[0]!.readToken;
  const blog = SITES[1]!.readToken;
  beforeAll(async () => {
    c = await startTestCollector();
  });
  afterAll(() => c.close());

  it('accepts a batch with 204, CORS-readable flush interval, and shows it tile for tile', async () => {
    const now = Date.now();
    const res = await post(
      c.url,
      batch({ path: '/product/42' }, [
        { type: 'move', ts: now, x: 960, y: 2400, w: 1920, h: 4800 },
        { type: 'move', ts: now, x: 0, y: 0, w: 1920, h: 4800 },
        { type: 'click', ts: now, x: 960, y: 2400, w: 1920, h: 4800, sel: 'button#buy' },
      ]),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Heatlens-Flush');
    expect(res.headers.get('x-heatlens-flush')).toBe('5000');
    const hm = await (await get(c.url, '/api/heatmap?site=shop&path=/product/7&kind=move', shop)).json();
    expect(hm).toMatchObject({
      site: 'shop',
      path: '/product/:id',
      kind: 'move',
      seg: 'all',
      grid: 50,
      rowPx: ROW_PX,
      rows: 2400 / ROW_PX + 1,
      total: 2,
      max: 1,
      fixed: [],
    });
    expect(hm.tiles).toEqual([
      [0, 0, 1],
      [25, 2400 / ROW_PX, 1],
    ]);
    const stats = await (await get(c.url, '/api/stats?site=shop&path=/product/42', shop)).json();
    expect(stats).toMatchObject({ clicks: 1, events: 3, selectors: [{ sel: 'button#buy', count: 1 }] });
    const pages = await (await get(c.url, '/api/pages?site=shop', shop)).json();
    expect(pages.pages[0]).toMatchObject({ path: '/product/:id', events: 3 });
  });

  it.each([
    ['invalid JSON', '{"v":1,', 400, /^body: invalid JSON/],
    ['a schema error', batch({}, [{ type: 'move', ts: 1, x: -5, y: 0, w: 10, h: 10 }]), 400, /^events\[0\]\.x: /],
    ['a missing field', { ...batch(), sid: undefined }, 400, /^sid: /],
    ['an unknown site', batch({ site: 'nosuchsite' }), 403, /^site: unknown site/],
  ])('answers %s with %i naming the problem', async (_name, body, status, error) => {
    const res = await post(c.url, body);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(error);
  });

  it('refuses a write from an origin the site does not allow (403), and one without an origin', async () => {
    expect((await post(c.url, batch(), 'https://evil.example')).status).toBe(403);
    const res = await fetch(`${c.url}/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(batch()),
    });
    expect(res.status).toBe(403);
  });

  it('refuses other content types (415) and answers the CORS preflight', async () => {
    expect(
      (await post(c.url, batch(), undefined, { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    const pre = await fetch(`${c.url}/collect`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('Content-Type');
  });

  it('accepts exactly 64 KiB and answers 413 one byte past it, staying healthy', async () => {
    const base = JSON.stringify(batch());
    const pad = (size: number) => base.slice(0, -1) + `,"pad":"${'x'.repeat(size - base.length - 9)}"}`;
    expect(Buffer.byteLength(pad(65536))).toBe(65536);
    expect((await post(c.url, pad(65536))).status).toBe(204);
    const over = await post(c.url, pad(65537));
    expect(over.status).toBe(413);
    expect((await post(c.url, batch())).status).toBe(204);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
  });

  it('needs a read token on every read route: 401 without, 403 for another site', async () => {
    for (const route of [
      '/api/sites',
      '/api/pages?site=shop',
      '/api/heatmap?site=shop&path=/',
      '/api/stats?site=shop&path=/',
    ]) {
      const res = await get(c.url, route);
      expect(res.status, route).toBe(401);
      expect((await get(c.url, route, 'not-a-valid-token-at-all')).status, route).toBe(401);
    }
    for (const route of ['/api/pages?site=shop', '/api/heatmap?site=shop&path=/', '/api/stats?site=shop&path=/']) {
      expect((await get(c.url, route, blog)).status, route).toBe(403);
    }
  });

  it('keeps sites apart: a site reads only its own data and list', async () => {
    const sites = await (await get(c.url, '/api/sites', blog)).json();
    expect(sites).toEqual({
      sites: [{ id: 'blog', origins: ['https://blog.example'], routes: [], masks: [], retentionDays: 30 }],
    });
    expect((await post(c.url, batch({ site: 'blog', path: '/same' }), 'https://blog.example')).status).toBe(204);
    const shopView = await (await get(c.url, '/api/heatmap?site=shop&path=/same', shop)).json();
    expect(shopView.total).toBe(0);
    const blogView = await (await get(c.url, '/api/heatmap?site=blog&path=/same', blog)).json();
    expect(blogView.total).toBe(1);
    // A write naming another site from this site's origin is refused.
    expect((await post(c.url, batch({ site: 'shop' }), 'https://blog.example')).status).toBe(403);
  });

  it('rejects bad query parameters with 400', async () => {
    expect((await get(c.url, '/api/heatmap?site=shop&path=/&kind=hover', shop)).status).toBe(400);
    expect((await get(c.url, '/api/heatmap?site=shop&path=/&window=2w', shop)).status).toBe(400);
    expect((await get(c.url, '/api/heatmap?site=shop', shop)).status).toBe(400);
    expect((await get(c.url, '/api/heatmap?site=shop&path=/&seg=xl', shop)).status).toBe(400);
  });

  it('serves health, readiness, metrics with every event accounted for, and 404s', async () => {
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
    const now = Date.now();
    await post(
      c.url,
      batch({}, [
        { type: 'move', ts: now, x: 1, y: 1, w: 2, h: 2 },
        { type: 'from_the_future', ts: now },
      ]),
    );
    await post(c.url, batch({}, [{ type: 'move', ts: now - 40 * 86400_000, x: 1, y: 1, w: 2, h: 2 }]));
    const text = await (await fetch(`${c.url}/metrics`)).text();
    expect(text).toMatch(/heatlens_events_total\{outcome="accepted",reason="ok"\} \d+/);
    expect(text).toMatch(/heatlens_events_total\{outcome="dropped",reason="unknown_type"\} 1/);
    expect(text).toMatch(/heatlens_events_total\{outcome="dropped",reason="too_old"\} 1/);
    expect(text).toMatch(/heatlens_events_total\{outcome="dropped",reason="invalid"\} \d+/);
    expect(text).toMatch(/heatlens_http_requests_total\{route="\/collect",status="204"\} \d+/);
    expect(text).toContain('heatlens_batch_duration_seconds_bucket');
    expect(text).toContain('heatlens_live_viewers');
    expect((await fetch(`${c.url}/nope`)).status).toBe(404);
    expect((await fetch(`${c.url}/collect`)).status).toBe(405);
    expect((await fetch(`${c.url}/assets/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('counts a retried batch once', async () => {
    const b = batch({ path: '/retry' });
    expect((await post(c.url, b)).status).toBe(204);
    expect((await post(c.url, b)).status).toBe(204);
    const hm = await (await get(c.url, '/api/heatmap?site=shop&path=/retry', shop)).json();
    expect(hm.total).toBe(1);
  });
});

/**
 * Write slots are held by complete bodies whose write is in progress (here: Redis paused for
 * writes), never by bodies still arriving (abuse/slow-body.integration.test.ts).
 */
describe.runIf(redisAvailable())('collector under overload', () => {
  it('answers 503 with Retry-After past maxInFlight, and serves again once the writes drain', async () => {
    const redis = await startRedis(['--save', '']);
    const admin = await createClient({ url: redis.url })
      .on('error', () => {})
      .connect();
    const c = await startTestCollector({
      redisUrl: redis.url,
      maxInFlight: 2,
      rateLimits: false,
      commandTimeoutMs: 5000,
      writeDeadlineMs: 5000,
    });
    try {
      expect((await post(c.url, batch())).status).toBe(204);
      await admin.sendCommand(['CLIENT', 'PAUSE', '1000', 'WRITE']);
      // Two complete writes hold both slots while Redis holds their scripts.
      const held = [post(c.url, batch()), post(c.url, batch())];
      await new Promise((r) => setTimeout(r, 200));
      const shed = await post(c.url, batch());
      expect(shed.status).toBe(503);
      expect(shed.headers.get('retry-after')).toBe('1');
      expect((await Promise.all(held)).map((r) => r.status)).toEqual([204, 204]);
      expect((await post(c.url, batch())).status).toBe(204);
    } finally {
      await c.close();
      admin.destroy();
      await redis.stop();
    }
  });
});
