import type { RedisClientType } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import type { CollectorOptions } from '../../src/config.js';
import type { Collector } from '../../src/server.js';
import { connectAdmin, ownRedis } from '../../src/test-support/redis-admin.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';

export type StallRig = { c: Collector; admin: RedisClientType; probe: RedisClientType };

/**
 * For the current `describe`: a collector (`opts`) on a Redis of its own, and two clients of the
 * test's: `admin` stalls Redis (CLIENT PAUSE), `probe` sees it resume (a command sent during the
 * pause is answered only when it ends). Filled in `beforeAll`, closed in `afterAll`.
 */
export function stallRig(opts: CollectorOptions): StallRig {
  const own = ownRedis();
  const rig = {} as StallRig;
  beforeAll(async () => {
    rig.admin = own.client;
    rig.probe = await connectAdmin(own.redis.url);
    rig.c = await startTestCollector({ ...opts, redisUrl: own.redis.url });
  });
  afterAll(async () => {
    await rig.c.close();
    rig.probe.destroy();
  });
  return rig;
}
