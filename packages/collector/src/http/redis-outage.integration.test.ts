import { ROW_PX } from '@heatlens/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { SITES, batch, get, openLive, post } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';

describe.runIf(redisAvailable())('collector on Redis', () => {
  let redis: TestRedis;
  let c: Collector;
  const shop = SITES[0]!.readToken;
  beforeAll(async () => {
    redis = await startRedis();
    c = await startTestCollector({ redisUrl: redis.url, commandTimeoutMs: 500 });
  });
  afterAll(async () => {
    await c.close();
    await redis.stop();
  });

  it('shows a posted batch tile for tile in /api/heatmap and in a /live subscriber', async () => {
    const live = await openLive(c.url, 'site=shop&path=/product/5&kind=move', shop);
    await live.next((f) => f.type === 'snapshot');
    const now = Date.now();
    const events = [
      { type: 'move', ts: now, x: 960, y: 2400, w: 1920, h: 4800 },
      { type: 'move', ts: now, x: 961, y: 2401, w: 1920, h: 4800 },
      { type: 'move', ts: now, x: 1919, y: 0, w: 1920, h: 4800 },
    ];
    expect((await post(c.url, batch({ path: '/product/5' }, events))).status).toBe(204);
    const expected = [
      [49, 0, 1],
      [25, 2400 / ROW_PX, 2],
    ];
    const hm = await (await get(c.url, '/api/heatmap?site=shop&path=/product/5', shop)).json();
    expect(hm.tiles).toEqual(expected);
    const frame = await live.next((f) => f.total === 3);
    expect(frame.tiles).toEqual(expected);
    live.ws.close();
  });

  it('answers 503 with Retry-After fast while Redis is down, and resumes by itself', async () => {
    const port = redis.port;
    await redis.stop();
    // Answered by the store's own refusal, not by the write deadline after waiting in a queue.
    const res = await post(c.url, batch());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await (await fetch(`${c.url}/metrics`)).text()).toMatch(
      /heatlens_batches_total\{outcome="store_unavailable"\} 1\n/,
    );
    expect((await fetch(`${c.url}/readyz`)).status).toBe(503);
    expect((await get(c.url, '/api/heatmap?site=shop&path=/', shop)).status).toBe(503);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);

    redis = await startRedis(['--port', String(port)]);
    let status = 0;
    for (let i = 0; i < 50 && status !== 204; i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await post(c.url, batch({ path: '/after' }))).status;
    }
    expect(status).toBe(204);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
  });
});
