import { pino } from 'pino';
import { describe } from 'vitest';
import { SHARED_STORES, type SharedStore } from '@heatlens/testkit/shared-stores';
import { connectRedis } from './redis-client.js';
import { describeRetention, type KeyTtl } from './contract/describe-retention.js';
import { createMemoryStore } from './memory.js';
import { createRedisStore } from './redis.js';
import { keyTtls } from '../test-support/scan-keys.js';

// Every key on the store's nodes (each primary of a cluster) with its TTL.
const keysOf = (shared: SharedStore): Promise<KeyTtl[]> =>
  keyTtls(shared.redisUrl ? [shared.redisUrl] : shared.redisCluster!.map((s) => `redis://${s}`));

describeRetention('memory', async (retentionOf) => ({ store: createMemoryStore({ retentionOf }) }));

for (const kind of SHARED_STORES) {
  describe.runIf(kind.available())(kind.name, () => {
    let shared: SharedStore;
    describeRetention(
      kind.name,
      async (retentionOf) => {
        shared = await kind.start();
        const conn = await connectRedis({
          url: shared.redisUrl,
          cluster: shared.redisCluster,
          commandTimeoutMs: 5000,
          log: pino({ level: 'silent' }),
        });
        return {
          store: createRedisStore({ client: conn.client, ping: conn.ping, retentionOf, timeoutMs: 5000 }),
          cleanup: async () => {
            await conn.close();
            await shared.stop();
          },
        };
      },
      () => keysOf(shared),
    );
  });
}
