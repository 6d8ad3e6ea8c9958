import { CAPTURE_LIMITS, READ_TOKEN_PATTERN } from '@heatlens/schema';
import { checkSiteLimits } from './site-limits.js';
import { checkMetricsOptions } from './metrics-options.js';
import { DEFAULTS, DEFAULT_LIVE_LIMITS, type CollectorOptions, type ResolvedConfig } from './config-options.js';
import { demoSite, validateSites } from './config-sites.js';

// The collector's configuration: its options and defaults (config-options.ts), the sites check
// (config-sites.ts), and `resolveConfig`, which spreads the defaults under the options and checks them.
export type { MetricsOptions } from './metrics-options.js';
export * from './config-options.js';
export { demoSite, validateSites } from './config-sites.js';

const token = new RegExp(READ_TOKEN_PATTERN);

/** Defaults spread under the caller's options, checked once. */
export function resolveConfig(options: CollectorOptions = {}): ResolvedConfig {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as CollectorOptions;
  const c = { ...DEFAULTS, now: Date.now, ...defined };
  if (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535)
    throw new TypeError('port must be an integer from 0 to 65535');
  if (c.redisUrl && c.redisCluster?.length) throw new TypeError('REDIS_URL and REDIS_CLUSTER are mutually exclusive');
  for (const k of [
    'hopMs',
    'flushLiveMs',
    'flushIdleMs',
    'commandTimeoutMs',
    'maxInFlight',
    'bodyTimeoutMs',
    'writeDeadlineMs',
    'readDeadlineMs',
    'captureTimeoutMs',
  ] as const) {
    if (!(Number.isFinite(c[k]) && c[k] > 0)) throw new TypeError(`${k} must be a positive number`);
  }
  if (!(Number.isFinite(c.bodyMinBytesPerSec) && c.bodyMinBytesPerSec >= 0))
    throw new TypeError('bodyMinBytesPerSec must be a number >= 0');
  const liveLimits = { ...DEFAULT_LIVE_LIMITS, ...c.liveLimits };
  for (const [k, v] of Object.entries(liveLimits))
    if (!(Number.isInteger(v) && v > 0)) throw new TypeError(`liveLimits.${k} must be a positive integer`);
  if (!Number.isInteger(c.grid) || c.grid < 2 || c.grid > 200)
    throw new TypeError('grid must be an integer from 2 to 200');
  if (!Number.isInteger(c.maxPagesPerSite) || c.maxPagesPerSite < 1)
    throw new TypeError('maxPagesPerSite must be a positive integer');
  if (c.rateLimits) {
    for (const k of ['writesPerIp', 'writesPerSite', 'readsPerToken'] as const) {
      const l = c.rateLimits[k];
      if (l && !(Number.isInteger(l.points) && l.points > 0 && Number.isInteger(l.seconds) && l.seconds > 0)) {
        throw new TypeError(`rateLimits.${k} must have positive integer points and seconds`);
      }
    }
    if (c.rateLimits.syncMs !== undefined && !(Number.isFinite(c.rateLimits.syncMs) && c.rateLimits.syncMs > 0))
      throw new TypeError('rateLimits.syncMs must be a positive number');
  }
  for (const k of ['evalMs', 'timeoutMs', 'backoffMs', 'retries'] as const) {
    const v = c.alerts?.[k];
    if (v !== undefined && !(Number.isFinite(v) && v >= (k === 'retries' ? 0 : 1)))
      throw new TypeError(`alerts.${k} must be a ${k === 'retries' ? 'non-negative' : 'positive'} number`);
  }
  const captureLimits = { ...CAPTURE_LIMITS, ...c.captureLimits };
  for (const [k, v] of Object.entries(captureLimits))
    if (!(Number.isInteger(v) && v > 0)) throw new TypeError(`captureLimits.${k} must be a positive integer`);
  if (captureLimits.imageBytes > captureLimits.siteBytes)
    throw new TypeError('captureLimits.imageBytes must not exceed captureLimits.siteBytes');
  if (c.siteLimits !== undefined) checkSiteLimits(c.siteLimits, 'siteLimits');
  const metrics = checkMetricsOptions(c.metrics ?? {}, token);
  const demo = !options.sites;
  return { ...c, liveLimits, captureLimits, metrics, sites: demo ? [demoSite()] : validateSites(options.sites), demo };
}
