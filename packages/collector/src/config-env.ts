import { readFileSync } from 'node:fs';
import { validateSites, type CollectorOptions } from './config.js';
import { siteLimitsFromEnv } from './site-limits.js';

/**
 * Worker processes to run (HEATLENS_WORKERS, node:cluster; default 1: this process serves).
 * More than one needs Redis (workers share no memory) and HEATLENS_SITES (each worker would make
 * up its own demo read token); a TypeError says which is missing.
 */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  if (!env.HEATLENS_WORKERS) return 1;
  if (!/^\d+$/.test(env.HEATLENS_WORKERS) || Number(env.HEATLENS_WORKERS) < 1)
    throw new TypeError(`HEATLENS_WORKERS must be a positive integer, got "${env.HEATLENS_WORKERS}"`);
  const n = Number(env.HEATLENS_WORKERS);
  if (n > 1 && !env.REDIS_URL && !env.REDIS_CLUSTER)
    throw new TypeError('HEATLENS_WORKERS > 1 needs REDIS_URL or REDIS_CLUSTER: workers share no memory');
  if (n > 1 && !env.HEATLENS_SITES)
    throw new TypeError('HEATLENS_WORKERS > 1 needs HEATLENS_SITES: each worker would make up its own demo read token');
  return n;
}

/**
 * Collector options from the environment of DESIGN.md: PORT, HOST, REDIS_URL, REDIS_CLUSTER,
 * HEATLENS_SITES; HEATLENS_PUBLIC_URL (the dashboard's address in alert links); and
 * HEATLENS_TRUST_PROXY=1 (rate limits key on the first X-Forwarded-For entry: set it only behind a
 * load balancer that sets that header).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): CollectorOptions {
  const options: CollectorOptions = {};
  if (env.PORT) {
    if (!/^\d+$/.test(env.PORT)) throw new TypeError(`PORT must be a number, got "${env.PORT}"`);
    options.port = Number(env.PORT);
  }
  if (env.HOST) options.host = env.HOST;
  if (env.REDIS_URL) options.redisUrl = env.REDIS_URL;
  if (env.REDIS_CLUSTER) {
    const seeds = env.REDIS_CLUSTER.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of seeds) if (!/^[^:\s]+:\d+$/.test(s)) throw new TypeError(`REDIS_CLUSTER: "${s}" is not host:port`);
    options.redisCluster = seeds;
  }
  if (env.HEATLENS_SITES) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(env.HEATLENS_SITES, 'utf8'));
    } catch (e) {
      throw new TypeError(`HEATLENS_SITES: cannot read ${env.HEATLENS_SITES}: ${(e as Error).message}`, { cause: e });
    }
    options.sites = validateSites(parsed);
  }
  if (env.HEATLENS_TRUST_PROXY === '1') options.rateLimits = { trustProxy: true };
  // Reads share the writes' Redis connection (for comparison; bench/read-starve.mjs).
  if (env.HEATLENS_REDIS_READ_CONNECTION === '0') options.redisReadConnection = false;
  if (env.HEATLENS_PUBLIC_URL) {
    if (!/^https?:\/\/[^\s]+$/.test(env.HEATLENS_PUBLIC_URL))
      throw new TypeError(`HEATLENS_PUBLIC_URL must be an http(s) URL, got "${env.HEATLENS_PUBLIC_URL}"`);
    options.alerts = { publicUrl: env.HEATLENS_PUBLIC_URL };
  }
  const siteLimits = siteLimitsFromEnv(env);
  if (siteLimits) options.siteLimits = siteLimits;
  const metrics = metricsFromEnv(env);
  if (metrics) options.metrics = metrics;
  return options;
}

/**
 * `/metrics` from the environment: HEATLENS_METRICS_TOKEN (bearer token it asks for),
 * HEATLENS_METRICS_PORT and HEATLENS_METRICS_HOST (a listener of its own; the main port then
 * answers 404 for it). Unset: open, on the main port.
 */
function metricsFromEnv(env: NodeJS.ProcessEnv): CollectorOptions['metrics'] {
  const m: NonNullable<CollectorOptions['metrics']> = {};
  if (env.HEATLENS_METRICS_TOKEN) m.token = env.HEATLENS_METRICS_TOKEN;
  if (env.HEATLENS_METRICS_PORT) {
    if (!/^\d+$/.test(env.HEATLENS_METRICS_PORT))
      throw new TypeError(`HEATLENS_METRICS_PORT must be a number, got "${env.HEATLENS_METRICS_PORT}"`);
    m.port = Number(env.HEATLENS_METRICS_PORT);
  }
  if (env.HEATLENS_METRICS_HOST) m.host = env.HEATLENS_METRICS_HOST;
  return Object.keys(m).length ? m : undefined;
}
