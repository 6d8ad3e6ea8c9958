import { optionsFromEnv } from './config.js';
import { startCollector } from './server.js';

/**
 * Start the collector from the environment (PORT, HOST, REDIS_URL, REDIS_CLUSTER, HEATLENS_SITES)
 * and stop it gracefully on SIGTERM or SIGINT.
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const collector = await startCollector(optionsFromEnv(env));
  if (collector.demo) {
    const token = collector.sites[0]!.readToken;
    collector.log.info({ site: 'demo', readToken: token }, 'demo site: any origin may write; read token below');
    process.stdout.write(`\nheatlens collector on ${collector.url}\n  dashboard:  ${collector.url}/\n  script tag: <script src="${collector.url}/sdk.js" data-site="demo" defer></script>\n  read token: ${token}\n\n`);
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
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  return collector;
}
