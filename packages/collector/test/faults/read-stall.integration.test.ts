import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';

// Long enough that the read deadline answers well before it ends, even on a loaded machine.
const PAUSE_MS = 8000;
const READ_DEADLINE_MS = 300;
const READS = [
  '/api/pages?site=shop&limit=500',
  '/api/heatmap?site=shop&path=/&kind=move&window=30d',
  '/api/stats?site=shop&path=/&window=30d',
  '/api/captures?site=shop&path=/',
];

/**
 * Reads run on their own connection under `readDeadlineMs` for the whole read: on a stalled Redis
 * each read route answers 503 with Retry-After before the stall ends, never hangs.
 */
describe.runIf(redisAvailable())('reads on a stalled Redis', () => {
  let redis: TestRedis;
  let c: Collector;
  let admin: RedisClientType;
  let probe: RedisClientType;
  beforeAll(async () => {
    redis = await startRedis(['--save', '']);
    const connect = async () =>
      (await createClient({ url: redis.url })
        .on('error', () => {})
        .connect()) as unknown as RedisClientType;
    [admin, probe] = await Promise.all([connect(), connect()]);
    c = await startTestCollector({ redisUrl: redis.url, rateLimits: false, readDeadlineMs: READ_DEADLINE_MS });
  });
  afterAll(async () => {
    await c.close();
    admin.destroy();
    probe.destroy();
    await redis.stop();
  });

  it('answers each read route 503 with Retry-After within the pause, then serves again', async () => {
    expect((await post(c.url, batch())).status).toBe(204);
    await admin.sendCommand(['CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL']);
    let paused = true;
    const resumed = probe.get('stall').then(() => (paused = false));
    const answers = await Promise.all(READS.map((route) => get(c.url, route, SITES[0]!.readToken)));
    expect(paused).toBe(true);
    for (const r of answers) {
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('2');
    }
    await resumed;
    let status = 0;
    for (let i = 0; i < 30 && status !== 200; i++) {
      status = (await get(c.url, READS[0]!, SITES[0]!.readToken)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
  });
});
