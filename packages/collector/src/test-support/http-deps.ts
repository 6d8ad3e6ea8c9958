import { SITES } from '@heatlens/testkit/collector';
import pino from 'pino';
import { resolveConfig, type CollectorOptions } from '../config.js';
import { createShareAuth } from '../edge/share-auth.js';
import { createRateLimits } from '../edge/rate-limits.js';
import { createMetrics } from '../metrics.js';
import { createSiteRegistry } from '../sites.js';
import { createMemoryStore } from '../store/memory.js';
import type { RouterDeps } from '../http/router.js';

/**
 * What the HTTP routes are built from, as server.ts wires them but without a socket or a timer: a
 * memory store, the testkit's `SITES`, in-process rate limits, a silent logger. `opts` go over the
 * config defaults, as for `startCollector`. For `inject()` (light-my-request) tests of `http/`.
 */
export function httpDeps(opts: CollectorOptions = {}): RouterDeps {
  const config = resolveConfig({ logLevel: 'silent', sites: SITES, ...opts });
  const store = createMemoryStore();
  const limits = createRateLimits({ limits: config.rateLimits || undefined, timeoutMs: config.commandTimeoutMs });
  return {
    config,
    sites: createSiteRegistry(config.sites),
    store,
    metrics: createMetrics(),
    log: pino({ level: 'silent' }),
    limits,
    grantOf: createShareAuth({ getShare: (id, now) => store.views.getShare(id, now), limits, now: config.now }),
    onRevoke: () => {},
  };
}
