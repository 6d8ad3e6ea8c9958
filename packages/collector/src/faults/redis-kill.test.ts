import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '../server.js';
import { SITES } from '../test-support/collector.js';
import { redisAvailable, startRedis, type TestRedis } from '../test-support/redis-server.js';
import { checkCounts, runSdkLoad } from '../test-support/sdk-load.js';

/**
 * Redis SIGKILLed and restarted under load. With `appendfsync always` every write Redis answered
 * is on disk, so "acknowledged => counted" is exact: each batch that got a 204 is counted once,
 * and batches whose answer was lost in the crash are retried with the same id and deduplicated.
 * (Production runs `everysec`: up to a second of acknowledged writes may be lost; see
 * docs/production.md.)
 */
describe.runIf(redisAvailable())('Redis killed and restarted under load (AOF always)', () => {
  let redis: TestRedis;
  let c: Collector;
  let dir: string;
  const aof = () => ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heatlens-aof-'));
    redis = await startRedis(aof());
    c = await startCollector({ port: 0, logLevel: 'silent', sites: SITES, redisUrl: redis.url, commandTimeoutMs: 500 });
  });
  afterAll(async () => {
    await c.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts every acknowledged batch exactly once after SDK-style retries', async () => {
    const port = redis.port;
    let restarted: Promise<void> | undefined;
    const batches = 1200;
    const load = await runSdkLoad({
      url: c.url,
      batches,
      concurrency: 16,
      onAnswer: ({ acked }) => {
        if (acked < batches / 3 || restarted) return;
        restarted = (async () => {
          const killed = redis;
          const exited = new Promise((r) => killed.process!.once('exit', r));
          killed.process!.kill('SIGKILL');
          await exited;
          await killed.stop(); // its own temp dir only; the AOF lives in `dir`
          await new Promise((r) => setTimeout(r, 500)); // down for a while, under load
          redis = await startRedis(['--port', String(port), ...aof()]);
        })();
      },
    });
    await restarted;
    expect(restarted).toBeDefined();
    expect(load.acked).toBe(batches);
    expect(load.unexpected).toBe(0);
    // The crash was felt: some attempts failed and were retried.
    expect(load.attempts).toBeGreaterThan(batches);
    expect(load.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(await checkCounts(c.url, SITES[0]!.readToken, load.expected)).toEqual([]);
  });
});
