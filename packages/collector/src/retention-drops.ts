import type { Logger } from 'pino';
import type { SiteConfig } from './config.js';
import type { Store } from './store/types.js';

/** How often every site's levels past its retention are freed (and once at start). */
export const RETENTION_DROP_MS = 24 * 60 * 60_000;

/**
 * Frees, on start and then every `RETENTION_DROP_MS`, what each site keeps past its
 * `retentionDays` (`store.dropUnkept`): after the retention is lowered (a restart, or a SIGHUP
 * reload within a day) memory is freed within a day instead of at the keys' TTLs. Several
 * collectors may run it at once: dropping is idempotent. `close()` stops the timer.
 */
export function startRetentionDrops(deps: {
  sites: () => SiteConfig[];
  store: Pick<Store, 'dropUnkept'>;
  now: () => number;
  log: Pick<Logger, 'info' | 'warn'>;
  everyMs?: number;
}) {
  const { sites, store, now, log, everyMs = RETENTION_DROP_MS } = deps;
  const run = async () => {
    for (const site of sites()) {
      try {
        const freed = await store.dropUnkept(site.id, now());
        if (freed) log.info({ site: site.id, freed }, 'freed history past the site retention');
      } catch (err) {
        log.warn({ site: site.id, err: String(err) }, 'retention drop failed');
      }
    }
  };
  const first = setTimeout(() => void run(), 0);
  const timer = setInterval(() => void run(), everyMs);
  first.unref();
  timer.unref();
  return {
    run,
    close() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
