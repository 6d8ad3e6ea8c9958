import { READ_TOKEN_PATTERN } from '@heatlens/schema';

/** Where and how `/metrics` is served (options of `startCollector`, env `HEATLENS_METRICS_*`). */
export type MetricsOptions = {
  /**
   * ms one render is served to every scrape (a scrape interval is 15 s or more); a burst of
   * scrapes costs one render. Default 1000
   */
  cacheMs?: number;
  /** bearer token `/metrics` asks for (401 without it); default unset: open, as exporters are */
  token?: string;
  /**
   * serve `/metrics` on this port only (its own listener, e.g. reachable from the monitoring
   * network alone) and answer 404 for it on the main port; default unset: the main port
   */
  port?: number;
  /** interface of the metrics listener; default the collector's `host` */
  host?: string;
};

/** Check `metrics` of the collector's options; throws a TypeError naming the field. Returns them. */
export function checkMetricsOptions(metrics: MetricsOptions, token: RegExp): MetricsOptions {
  if (metrics.cacheMs !== undefined && !(Number.isFinite(metrics.cacheMs) && metrics.cacheMs >= 0))
    throw new TypeError('metrics.cacheMs must be a number >= 0');
  if (metrics.token !== undefined && !token.test(metrics.token))
    throw new TypeError(`metrics.token must match ${READ_TOKEN_PATTERN}`);
  if (metrics.port !== undefined && !(Number.isInteger(metrics.port) && metrics.port >= 0 && metrics.port <= 65535))
    throw new TypeError('metrics.port must be an integer from 0 to 65535');
  return metrics;
}
