import { describe, expect, it } from 'vitest';
import { startTestCollector } from '../../src/test-support/test-collector.js';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { mainRig, spawnMain } from '../../src/test-support/spawn-main.js';

/**
 * SIGTERM during load, on a real process started the way `heatlens-collector` starts (main.ts
 * from the environment): requests it accepted finish with 204 (no 5xx), it exits 0 within 10 s,
 * and every batch it acknowledged is in Redis for the next collector to read.
 */
describe.runIf(redisAvailable())('SIGTERM during load', () => {
  const rig = mainRig('sigterm');

  it('finishes in-flight batches, answers no 5xx and exits 0 within 10 s', async () => {
    const { redis, sitesFile } = rig;
    const { url, child, output, exited } = await spawnMain({
      HOST: '127.0.0.1',
      REDIS_URL: redis.url,
      HEATLENS_SITES: sitesFile,
    });

    const statuses = new Map<string, number>();
    let acked = 0;
    let signalledAt = 0;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        // Each worker sends until the collector stops answering it (refused or closed connection).
        for (;;) {
          let status: string;
          try {
            status = String(
              (await post(url, batch({ path: '/term' }, [{ type: 'pageview', ts: Date.now(), vh: 800 }]))).status,
            );
          } catch {
            status = 'network';
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === '204') acked++;
          if (acked >= 300 && !signalledAt) {
            signalledAt = Date.now();
            child.kill('SIGTERM');
          }
          if (status !== '204') return;
        }
      }),
    );
    const { code, at } = await exited;
    expect(code, output()).toBe(0);
    expect(at - signalledAt).toBeLessThan(10_000);
    for (const s of statuses.keys()) expect(['204', 'network']).toContain(s);

    // Everything acknowledged is in Redis: another collector on it counts exactly that.
    const next = await startTestCollector({ redisUrl: redis.url });
    try {
      const stats = await (await get(next.url, '/api/stats?site=shop&path=/term', SITES[0]!.readToken)).json();
      expect(stats.views).toBe(acked);
    } finally {
      await next.close();
    }
  });
});
