import cluster from 'node:cluster';
import { pino } from 'pino';
import { optionsFromEnv, workersFromEnv } from './config-env.js';
import { startCollector, type Collector } from './server.js';
import { superviseWorkers } from './workers.js';

/**
 * Start the collector from the environment (PORT, HOST, REDIS_URL, REDIS_CLUSTER, HEATLENS_SITES)
 * and stop it gracefully on SIGTERM or SIGINT; SIGHUP reloads HEATLENS_SITES. With
 * HEATLENS_WORKERS=N (> 1) this process only supervises N workers that each run this function.
 * Resolves with the collector, or undefined in a supervising process.
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<Collector | undefined> {
  const options = optionsFromEnv(env);
  const workers = workersFromEnv(env);
  if (workers > 1 && cluster.isPrimary) {
    superviseWorkers(workers, pino({ base: { service: 'heatlens-collector', role: 'primary' } }));
    return undefined;
  }
  const collector = await startCollector(options);
  // The first lines an operator reads: where the dashboard is and, for the built-in demo site,
  // the link that signs in (its read token in the hash, which never reaches a server log).
  collector.log.info({ dashboard: `${collector.url}/` }, 'dashboard');
  if (collector.demo) {
    const token = collector.sites[0]!.readToken;
    const signIn = `${collector.url}/#token=${token}`;
    collector.log.info(
      { site: 'demo', signIn, readToken: token },
      `demo site (any origin may write): sign in at ${signIn}`,
    );
    process.stdout.write(
      `\nheatlens collector on ${collector.url}\n  dashboard:  ${signIn}\n` +
        `  script tag: <script src="${collector.url}/sdk.js" data-site="demo" defer></script>\n` +
        `  read token: ${token}\n\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    collector.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await collector.close();
    process.exit(0);
  };
  // SIGHUP re-reads HEATLENS_SITES: rotate a read token or add a site without a restart. A bad
  // file is logged and the sites in force stay.
  process.on('SIGHUP', () => {
    if (!env.HEATLENS_SITES) return collector.log.warn('SIGHUP: HEATLENS_SITES is not set, nothing to reload');
    try {
      const closed = collector.updateSites(optionsFromEnv(env).sites!);
      collector.log.info({ sites: collector.sites.length, closed }, 'sites reloaded');
    } catch (e) {
      collector.log.error({ err: (e as Error).message }, 'sites not reloaded');
    }
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return collector;
}
