import type { Logger } from 'pino';
import type { SiteConfig } from './config.js';
import { SWEEP_MS } from './core/windows.js';
import type { Store } from './store/types.js';

/**
 * Move every site's buckets on to longer windows every SWEEP_MS (core/windows.ts), even when nobody
 * reads them; a failed sweep is logged and retried at the next tick. Returns the stop function.
 */
export function startSweeps(deps: {
  sites: () => SiteConfig[];
  store: Pick<Store, 'sweep'>;
  now: () => number;
  log: Pick<Logger, 'warn'>;
}): () => void {
  const { sites, store, now, log } = deps;
  const timer = setInterval(() => {
    for (const site of sites())
      store.sweep(site.id, now()).catch((err) => log.warn({ err: String(err) }, 'sweep failed'));
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
