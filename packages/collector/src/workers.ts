import cluster from 'node:cluster';
import type { Logger } from 'pino';

/** A crashed worker is replaced after this long (a crash loop costs one fork a second). */
const RESTART_DELAY_MS = 1000;
/** How long the primary waits for its workers' graceful shutdown (theirs is 10 s). */
const STOP_GRACE_MS = 12_000;

/**
 * Run the collector as `n` worker processes on one port with node:cluster: the primary forks
 * them, shares the listening socket (connections are handed out round-robin), replaces a worker
 * that crashes, relays SIGHUP (reload sites) to every worker, and on SIGTERM/SIGINT stops them
 * gracefully and exits 0 once all have. Workers share nothing in memory: they need Redis.
 */
export function superviseWorkers(n: number, log: Logger): void {
  let stopping = false;
  const fork = () => cluster.fork().once('online', () => log.debug('worker online'));
  for (let i = 0; i < n; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    setTimeout(fork, RESTART_DELAY_MS).unref();
  });
  const each = (fn: (w: NonNullable<typeof cluster.workers>[string]) => void) =>
    Object.values(cluster.workers ?? {}).forEach(fn);
  process.on('SIGHUP', () => each((w) => w?.process.kill('SIGHUP')));
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping workers');
    each((w) => w?.process.kill('SIGTERM'));
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
