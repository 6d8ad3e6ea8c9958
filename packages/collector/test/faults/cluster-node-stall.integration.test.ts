import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../src/config.js';
import { pagePrefix, siteKey } from '../../src/store/redis-keys.js';
import { startCollector, type Collector } from '../../src/server.js';
import { batch, post } from '@heatlens/testkit/collector';
import { redisClusterAvailable, startRedisCluster, type TestRedisCluster } from '@heatlens/testkit/redis-cluster';

const DEADLINE_MS = 1000;
// Longer than the deadline on purpose: the answer in time must come from the collector's own
// deadline, not from the store giving up.
const COMMAND_TIMEOUT_MS = 5000;
/** A write counts as answered when its response arrives before this (the deadline plus slack). */
const ANSWERED_WITHIN_MS = DEADLINE_MS + 1500;

/** POST a write; undefined when no answer came within ANSWERED_WITHIN_MS. */
async function write(url: string, site: string, path: string) {
  try {
    const res = await post(url, batch({ site, path }), 'https://stall.example', {});
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  } catch {
    return undefined;
  }
}

/**
 * One primary of three frozen (SIGSTOP: the socket stays open, nothing answers) while two
 * collectors write: the node that holds the site's shared rate-limit counter and some of its
 * pages. Writes to pages on healthy primaries must keep answering 204 (limits are counted in
 * process, not on the frozen node), and writes to pages on the frozen node must answer 503 with
 * Retry-After at the collector's deadline, not wait for Redis.
 */
describe.runIf(redisClusterAvailable())('a stalled cluster primary', () => {
  let cluster: TestRedisCluster;
  let collectors: Collector[];
  let site: string;
  let stalled: number;
  const healthyPaths: string[] = [];
  const stalledPaths: string[] = [];

  beforeAll(async () => {
    // Without full coverage required, the healthy primaries keep serving their slots once the
    // frozen one is marked failed (a real deployment has replicas that take over instead).
    cluster = await startRedisCluster(3, ['--cluster-require-full-coverage', 'no']);
    const admin = await createClient({ url: cluster.nodes[0]!.url })
      .on('error', () => {})
      .connect();
    const slots = (await admin.sendCommand(['CLUSTER', 'SLOTS'])) as Array<[number, number, [string, number]]>;
    const owner = async (key: string) => {
      const slot = Number(await admin.sendCommand(['CLUSTER', 'KEYSLOT', key]));
      const port = Number(slots.find(([from, to]) => slot >= from && slot <= to)![2][1]);
      return cluster.nodes.findIndex((n) => n.port === port);
    };
    // A site whose shared write counter sits on another primary than its own keys: that one is frozen.
    for (let i = 0; ; i++) {
      const id = `stall${i}`;
      const rl = await owner(`hl:rl:site:${id}`);
      if (rl !== (await owner(siteKey(id)))) {
        [site, stalled] = [id, rl];
        break;
      }
    }
    for (let i = 0; healthyPaths.length < 3 || stalledPaths.length < 2; i++) {
      const path = `/p${i}`;
      ((await owner(pagePrefix(site, path))) === stalled ? stalledPaths : healthyPaths).push(path);
    }
    admin.destroy();
    const sites: SiteConfig[] = [
      { id: site, origins: ['https://stall.example'], readToken: 'stall-read-token-0123456789' },
    ];
    const opts = {
      port: 0,
      logLevel: 'silent',
      sites,
      redisCluster: cluster.seeds,
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      writeDeadlineMs: DEADLINE_MS,
      rateLimits: { syncMs: 100 },
    };
    collectors = await Promise.all([startCollector(opts), startCollector(opts)]);
    // Every page is known and every limit counter exists before the freeze.
    for (const c of collectors)
      for (const p of [...healthyPaths, ...stalledPaths]) expect((await write(c.url, site, p))?.status).toBe(204);
  });

  afterAll(async () => {
    cluster?.nodes[stalled]?.process?.kill('SIGCONT');
    await Promise.all(collectors?.map((c) => c.close()) ?? []);
    await cluster?.stop();
  });

  it("keeps healthy pages at 204 and answers the frozen node's pages 503 + Retry-After at the deadline", async () => {
    cluster.nodes[stalled]!.process!.kill('SIGSTOP');
    const timed = (c: Collector, path: string) =>
      Promise.race([
        write(c.url, site, path),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), ANSWERED_WITHIN_MS)),
      ]);
    // Writes to the frozen node's pages go out alongside: they must not hold up the others.
    const frozen = collectors.flatMap((c) => stalledPaths.map((p) => timed(c, p)));
    const healthy: Array<Awaited<ReturnType<typeof write>>> = [];
    for (let round = 0; round < 3; round++) {
      healthy.push(...(await Promise.all(collectors.flatMap((c) => healthyPaths.map((p) => timed(c, p))))));
    }
    expect(healthy.map((r) => r?.status)).toEqual(Array(healthy.length).fill(204));
    for (const r of await Promise.all(frozen)) expect(r).toEqual({ status: 503, retryAfter: '2' });

    // Thawed, the node's pages are written again without a restart of anything.
    cluster.nodes[stalled]!.process!.kill('SIGCONT');
    for (const p of stalledPaths) {
      let status: number | undefined;
      for (let i = 0; i < 50 && status !== 204; i++) {
        status = (await write(collectors[0]!.url, site, p))?.status;
        if (status !== 204) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(204);
    }
  });
});
