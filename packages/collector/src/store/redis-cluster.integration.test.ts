import { pino } from 'pino';
import { describe } from 'vitest';
import { connectRedis } from './redis-client.js';
import { redisClusterAvailable, startRedisCluster, type TestRedisCluster } from '@heatlens/testkit/redis-cluster';
import { scanKeys } from '../test-support/scan-keys.js';
import { describeStore } from './contract/describe-store.js';
import { createRedisStore } from './redis.js';

// The same contract against a 3-primary cluster: any multi-key step that strays outside its
// hash tag fails here with CROSSSLOT, which one Redis would never reveal.
describe.runIf(redisClusterAvailable())('redis cluster', () => {
  let cluster: TestRedisCluster;
  describeStore(
    'redis-cluster',
    async () => {
      cluster = await startRedisCluster();
      const conn = await connectRedis({
        cluster: cluster.seeds,
        commandTimeoutMs: 2000,
        log: pino({ level: 'silent' }),
      });
      return {
        store: createRedisStore({ client: conn.client, ping: conn.ping }),
        cleanup: async () => {
          await conn.close();
          await cluster.stop();
        },
      };
    },
    () => scanKeys(cluster.seeds.map((s) => `redis://${s}`)),
  );
});
