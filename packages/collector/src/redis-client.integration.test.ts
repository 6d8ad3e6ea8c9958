import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { redisClusterAvailable, startRedisCluster, type TestRedisCluster } from '@heatlens/testkit/redis-cluster';
import { connectRedis } from './store/redis-client.js';

/**
 * The collector's Redis commands carry no client-side timeout: node-redis would arm an
 * AbortSignal.timeout (never cleared) per command, which showed as a sixth of the collector's CPU
 * under ingest load; the store's deadlines already bound a stalled server. node-redis applies a
 * default of 5 s unless told otherwise, so this checks what the client really does.
 */
const log = pino({ level: 'silent' });

/** AbortSignal.timeout calls made while `fn` runs. */
async function timeoutsArmed(fn: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(AbortSignal, 'timeout');
  try {
    await fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe.runIf(redisAvailable())('Redis client, one server', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis(['--save', '']);
  });
  afterAll(() => redis.stop());

  it('arms no timeout per command (scripts and plain commands alike)', async () => {
    const conn = await connectRedis({ url: redis.url, commandTimeoutMs: 1000, log });
    try {
      const armed = await timeoutsArmed(async () => {
        for (let i = 0; i < 20; i++) await conn.client.eval('return 1', { keys: ['k'], arguments: [] });
        await conn.ping();
      });
      expect(armed).toBe(0);
    } finally {
      await conn.close();
    }
  });
});

describe.runIf(redisClusterAvailable())('Redis client, cluster', () => {
  let cluster: TestRedisCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  });
  afterAll(() => cluster.stop());

  it('arms no timeout per command on the nodes either', async () => {
    const conn = await connectRedis({ cluster: cluster.seeds, commandTimeoutMs: 2000, log });
    try {
      // Discovery runs in the background: wait until a write goes through.
      for (let i = 0; ; i++) {
        try {
          await conn.ping();
          break;
        } catch (e) {
          if (i > 100) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      const armed = await timeoutsArmed(async () => {
        for (let i = 0; i < 20; i++) await conn.client.eval('return 1', { keys: [`k${i}`], arguments: [] });
      });
      expect(armed).toBe(0);
    } finally {
      await conn.close();
    }
  });
});
