import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES } from '@heatlens/testkit/collector';
import { redisClusterAvailable, startRedisCluster, type TestRedisCluster } from '@heatlens/testkit/redis-cluster';
import { checkCounts, runSdkLoad } from '@heatlens/testkit/sdk-load';

/**
 * A cluster node SIGKILLed and restarted under load (AOF always on every node): while its slots
 * are gone the collector fails fast with 503 (no offline queue), the client finds the node again
 * by itself, and every acknowledged batch is counted exactly once across the whole cluster.
 */
describe.runIf(redisClusterAvailable())('Redis Cluster node killed and restarted under load', () => {
  let cluster: TestRedisCluster;
  let c: Collector;
  beforeAll(async () => {
    cluster = await startRedisCluster(3, ['--appendonly', 'yes', '--appendfsync', 'always']);
    c = await startTestCollector({
      redisCluster: cluster.seeds,
      commandTimeoutMs: 500,
    });
  });
  afterAll(async () => {
    await c?.close();
    await cluster?.stop();
  });

  it('answers 503 while a node is down, resumes by itself, and counts every 204 once', async () => {
    let restarted: Promise<void> | undefined;
    const batches = 900;
    const load = await runSdkLoad({
      url: c.url,
      batches,
      concurrency: 16,
      pages: 12, // pages spread over every node's slots
      onAnswer: ({ acked }) => {
        if (acked < batches / 3 || restarted) return;
        restarted = (async () => {
          await cluster.kill(1);
          await new Promise((r) => setTimeout(r, 500));
          await cluster.restart(1);
        })();
      },
    });
    await restarted;
    expect(load.acked).toBe(batches);
    expect(load.unexpected).toBe(0);
    expect(load.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(await checkCounts(c.url, SITES[0]!.readToken, load.expected)).toEqual([]);
  }, 60_000);
});
