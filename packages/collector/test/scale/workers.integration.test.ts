import { describe, expect, it } from 'vitest';
import { SITES } from '@heatlens/testkit/collector';
import { redisAvailable } from '@heatlens/testkit/redis-server';
import { checkCounts, runSdkLoad } from '@heatlens/testkit/sdk-load';
import { mainRig, spawnMain } from '../../src/test-support/spawn-main.js';

/** How many workers have logged that they listen. */
const listening = (output: string) => output.split('collector listening').length - 1;

/** HEATLENS_WORKERS=2: N processes on one port (node:cluster) on one Redis behave as one collector. */
describe.runIf(redisAvailable())('HEATLENS_WORKERS (node:cluster)', () => {
  const rig = mainRig('workers');

  it('serves from every worker, counts every batch once, and stops all on SIGTERM', async () => {
    const { redis, sitesFile } = rig;
    const { url, child, output, exited } = await spawnMain(
      { REDIS_URL: redis.url, HEATLENS_SITES: sitesFile, HEATLENS_WORKERS: '2' },
      (p) => listening(p.output()) >= 2,
    );
    expect(listening(output())).toBe(2); // two workers; the primary only supervises

    const load = await runSdkLoad({ url, batches: 300, concurrency: 8 });
    expect(load.acked).toBe(300);
    expect(await checkCounts(url, SITES[0]!.readToken, load.expected)).toEqual([]);

    // A clean exit at all: a worker that hung on SIGTERM would run into the test's timeout.
    child.kill('SIGTERM');
    expect((await exited).code, output()).toBe(0);
  }, 60_000);
});
