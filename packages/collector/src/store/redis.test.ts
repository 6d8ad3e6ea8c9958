import { createClient } from 'redis';
import { describe } from 'vitest';
import { redisAvailable, startRedis } from '../test-support/redis-server.js';
import { describeStore } from './describe-store.js';
import { createRedisStore } from './redis.js';

describe.runIf(redisAvailable())('redis', () => {
  describeStore('redis', async () => {
    const redis = await startRedis();
    const client = await createClient({ url: redis.url }).on('error', () => {}).connect();
    await client.flushAll();
    return {
      store: createRedisStore({ client, ping: () => client.ping() }),
      cleanup: async () => {
        client.destroy();
        await redis.stop();
      },
    };
  });
});
