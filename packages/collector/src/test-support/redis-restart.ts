import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestCollector } from './test-collector.js';
import { SITES } from '@heatlens/testkit/collector';
import { startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { checkCounts, runSdkLoad, type LoadResult } from '@heatlens/testkit/sdk-load';

/** What a kill-and-restart run saw: the load's figures and every count that differs. */
export type RestartReport = Omit<LoadResult, 'expected'> & {
  /** events acknowledged (204) */
  ackedEvents: number;
  /** one line per tile, page or series count that differs from what was acknowledged */
  diffs: string[];
};

/**
 * Redis SIGKILLed and restarted from its AOF under SDK-style load, against a collector in this
 * process: the CI fault test runs it short with `appendfsync always` (acknowledged => counted,
 * exactly); `pnpm bench` may run it longer, or with `everysec` to show what a crash can lose.
 */
export async function runRedisRestart(
  o: {
    /** batches to send, each retried until acknowledged; default 1200 */
    batches?: number;
    /** batches in flight; default 16 */
    concurrency?: number;
    /** move events per batch; default 5 */
    eventsPerBatch?: number;
    /** how long Redis stays down; default 500 ms */
    downMs?: number;
    /** AOF fsync policy; default `always` */
    appendfsync?: 'always' | 'everysec';
  } = {},
): Promise<RestartReport> {
  const { batches = 1200, concurrency = 16, eventsPerBatch = 5, downMs = 500, appendfsync = 'always' } = o;
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-aof-'));
  const aof = ['--appendonly', 'yes', '--appendfsync', appendfsync, '--dir', dir];
  let redis: TestRedis = await startRedis(aof);
  const port = redis.port;
  const c = await startTestCollector({
    redisUrl: redis.url,
    commandTimeoutMs: 500,
  });
  try {
    let restarted: Promise<void> | undefined;
    const load = await runSdkLoad({
      url: c.url,
      batches,
      concurrency,
      eventsPerBatch,
      onAnswer: ({ acked }) => {
        if (acked < batches / 3 || restarted) return;
        restarted = (async () => {
          const killed = redis;
          const exited = new Promise((r) => killed.process!.once('exit', r));
          killed.process!.kill('SIGKILL');
          await exited;
          await killed.stop(); // its own temp dir only; the AOF lives in `dir`
          await new Promise((r) => setTimeout(r, downMs));
          // startRedis picks a fresh port first; the later --port wins, so Redis keeps its own.
          redis = await startRedis(['--port', String(port), ...aof]);
        })();
      },
    });
    await restarted;
    const { expected, ...figures } = load;
    return {
      ...figures,
      ackedEvents: load.acked * eventsPerBatch,
      diffs: await checkCounts(c.url, SITES[0]!.readToken, expected),
    };
  } finally {
    await c.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
