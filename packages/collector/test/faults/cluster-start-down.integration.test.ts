import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { batch, post, statusOnceBack } from '@heatlens/testkit/collector';
import { redisClusterAvailable, startRedisCluster, type TestRedisCluster } from '@heatlens/testkit/redis-cluster';

/** A collector started while its whole cluster is down serves 503s, then resumes by itself. */
describe.runIf(redisClusterAvailable())('collector started before its Redis Cluster is up', () => {
  let cluster: TestRedisCluster;
  let c: Collector | undefined;
  beforeAll(async () => {
    cluster = await startRedisCluster();
    await Promise.all(cluster.nodes.map((_, i) => cluster.kill(i)));
  });
  afterAll(async () => {
    await c?.close();
    await cluster.stop();
  });

  it('starts, answers 503 + Retry-After and /readyz 503, and resumes when the cluster returns', async () => {
    c = await startTestCollector({ redisCluster: cluster.seeds, commandTimeoutMs: 500 });
    const url = c.url;
    const refused = await post(url, batch());
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    for (let i = 0; i < cluster.nodes.length; i++) await cluster.restart(i, i === cluster.nodes.length - 1);
    const status = await statusOnceBack(() => post(url, batch({ path: '/after' })), 204, 100);
    expect(status).toBe(204);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  }, 60_000);
});
