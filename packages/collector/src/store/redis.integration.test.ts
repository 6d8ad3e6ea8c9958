import { createClient } from 'redis';
import { describe } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { scanKeys } from '../test-support/scan-keys.js';
import { describeStore } from './contract/describe-store.js';
import { createRedisStore } from './redis.js';

describe.runIf(redisAvailable())('redis', () => {
  let redis: TestRedis;
  describeStore(
    'redis',
    async () => {
      redis = await startRedis();
      const client = await createClient({ url: redis.url })
        .on('error', () => {})
        .connect();
      await client.flushAll();
      return {
        store: createRedisStore({ client, ping: () => client.ping() }),
        cleanup: async () => {
          client.destroy();
          await redis.stop();
        },
      };
    },
    () => scanKeys([redis.url]),
  );
});
