import { createClient, type RedisClientType } from 'redis';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from '@heatlens/testkit/redis-server';

/**
 * A node-redis client of the test's own on `url` (to inspect keys, pause or probe Redis). Its
 * connection errors are not events: what the test asserts is what the collector answers.
 */
export async function connectAdmin(url: string): Promise<RedisClientType> {
  return (await createClient({ url })
    .on('error', () => {})
    .connect()) as unknown as RedisClientType;
}

export type OwnRedis = { redis: TestRedis; client: RedisClientType };

/**
 * For the current `describe`: a Redis of its own (no snapshots) and an admin client on it, filled
 * in `beforeAll` and stopped in `afterAll` (after the hooks registered later, which run first).
 */
export function ownRedis(): OwnRedis {
  const own = {} as OwnRedis;
  beforeAll(async () => {
    own.redis = await startRedis(['--save', '']);
    own.client = await connectAdmin(own.redis.url);
  });
  afterAll(async () => {
    own.client.destroy();
    await own.redis.stop();
  });
  return own;
}
