import { pino } from 'pino';
import { createClient } from 'redis';
import { describe } from 'vitest';
import { SHARED_STORES, type SharedStore } from '@heatlens/testkit/shared-stores';
import { connectRedis } from './redis-client.js';
import { describeRetention, type KeyTtl } from './contract/describe-retention.js';
import { createMemoryStore } from './memory.js';
import { createRedisStore } from './redis.js';

// Every key on the store's nodes (each primary of a cluster) with its TTL.
async function keysOf(shared: SharedStore): Promise<KeyTtl[]> {
  const urls = shared.redisUrl ? [shared.redisUrl] : shared.redisCluster!.map((s) => `redis://${s}`);
  const out: KeyTtl[] = [];
  for (const url of urls) {
    const client = await createClient({ url })
      .on('error', () => {})
      .connect();
    try {
      for await (const batch of client.scanIterator({ COUNT: 1000 })) {
        const keys = batch as unknown as string[];
        // Asked all at once (one pipeline), not one round trip per key.
        const ttls = await Promise.all(keys.map((key) => client.pTTL(key)));
        keys.forEach((key, i) => out.push({ key, ttl: ttls[i]! }));
      }
    } finally {
      client.destroy();
    }
  }
  return out;
}

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
