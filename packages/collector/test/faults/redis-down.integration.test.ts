import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { batch, post, statusOnceBack } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/**
 * Redis down for a while under load: nothing may queue up waiting for it (no offline queue, no
 * retained bodies), so memory stays flat however much is refused; service resumes by itself.
 */
describe.runIf(redisAvailable())('Redis down for a while', () => {
  let redis: TestRedis;
  let c: Collector;
  beforeAll(async () => {
    redis = await startRedis(['--save', '']);
    c = await startTestCollector({ redisUrl: redis.url, commandTimeoutMs: 500 });
  });
  afterAll(async () => {
    await c.close();
    await redis.stop();
  });

  it('refuses with 503 + Retry-After without holding on to what it refused, then resumes', async () => {
    const port = redis.port;
    await redis.stop();
    // ~20 KiB bodies: 2,000 of them are 40 MiB that a queue would hold on to.
    const now = Date.now();
    const events = Array.from({ length: 200 }, (_, i) => ({ type: 'move', ts: now, x: i, y: i, w: 1000, h: 1000 }));
    const before = heapAfterGc();
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next++ < 2000) {
          const res = await post(c.url, batch({ path: '/down' }, events));
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status === 503) expect(res.headers.get('retry-after')).toBe('2');
        }
      }),
    );
    const grown = heapAfterGc() - before;
    expect([...statuses]).toEqual([[503, 2000]]);
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${c.url}/healthz`)).status).toBe(200);

    redis = await startRedis(['--port', String(port), '--save', '']);
    const status = await statusOnceBack(() => post(c.url, batch({ path: '/up' })), 204, 50);
    expect(status).toBe(204);
    expect((await fetch(`${c.url}/readyz`)).status).toBe(200);
  });
});
