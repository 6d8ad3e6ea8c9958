import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITES } from '@heatlens/testkit/collector';
import { freePort, redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { checkCounts, runSdkLoad } from '@heatlens/testkit/sdk-load';

const RUN_MAIN = fileURLToPath(new URL('../test-support/run-main.ts', import.meta.url));

/** HEATLENS_WORKERS=2: N processes on one port (node:cluster) on one Redis behave as one collector. */
describe.runIf(redisAvailable())('HEATLENS_WORKERS (node:cluster)', () => {
  let redis: TestRedis;
  let dir: string;
  beforeAll(async () => {
    redis = await startRedis(['--save', '']);
    dir = mkdtempSync(join(tmpdir(), 'heatlens-workers-'));
  });
  afterAll(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves from every worker, counts every batch once, and stops all on SIGTERM', async () => {
    const sitesFile = join(dir, 'sites.json');
    writeFileSync(sitesFile, JSON.stringify(SITES));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', RUN_MAIN], {
      env: {
        ...process.env,
        PORT: String(port),
        REDIS_URL: redis.url,
        HEATLENS_SITES: sitesFile,
        HEATLENS_WORKERS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const listening = () => output.split('collector listening').length - 1;
    for (let i = 0; listening() < 2; i++) {
      if (i > 300 || child.exitCode !== null) throw new Error(`workers did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(listening()).toBe(2); // two workers; the primary only supervises

    const load = await runSdkLoad({ url, batches: 300, concurrency: 8 });
    expect(load.acked).toBe(300);
    expect(await checkCounts(url, SITES[0]!.readToken, load.expected)).toEqual([]);

    // A clean exit at all: a worker that hung on SIGTERM would run into the test's timeout.
    child.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 60_000);
});
