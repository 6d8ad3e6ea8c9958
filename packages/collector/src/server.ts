import { pino, type Logger } from 'pino';
import { createAlertEngine, type AlertEngine } from './alerts/engine.js';
import { resolveConfig, validateSites, type CollectorOptions, type SiteConfig } from './config.js';
import { NO_RATE_LIMITS, createRateLimits } from './edge/rate-limits.js';
import { createMetricsHandler, startMetricsServer } from './http/metrics-endpoint.js';
import { createRouter } from './http/router.js';
import { createMetrics } from './metrics.js';
import { createSiteRegistry } from './sites.js';
import { siteLimitsResolver } from './site-limits-of.js';
import { memorySetupBackend, redisSetupBackend } from './setup/setup-backend.js';
import { createSetupLog } from './setup/setup-log.js';
import type { Store } from './store/types.js';
import { createLiveHub } from './ws/live-hub.js';
import { listenHttp } from './http-listener.js';
import { openStore } from './open-store.js';
import { startSweeps } from './sweeps.js';
import { createUpgradeHandler } from './ws/upgrade.js';
import { startRetentionDrops } from './retention-drops.js';
import { retentionDaysOf } from './core/retention.js';
import { createShareAuth } from './edge/share-auth.js';
import { isShareToken } from './edge/share-token.js';
import { createShareWatch } from './ws/share-watch.js';

/** A running collector. */
export type Collector = {
  /** `http://host:port` */
  url: string;
  port: number;
  /** port of the separate `/metrics` listener, when `metrics.port` is set */
  metricsPort?: number;
  /** the sites in force (with the demo site's generated read token) */
  readonly sites: SiteConfig[];
  /**
   * Put other sites in force at runtime (e.g. on SIGHUP after editing HEATLENS_SITES): checked
   * like the configured ones (a TypeError names the problem); /live sockets whose token may no
   * longer read their site are closed at once. Returns how many sockets were closed.
   */
  updateSites(sites: SiteConfig[]): number;
  /** whether the demo site is in force (no sites configured) */
  demo: boolean;
  store: Store;
  log: Logger;
  /** alert evaluation: `tick()` evaluates every site now, `latest(site)` what the dashboard lists */
  alerts: AlertEngine;
  /** Stop accepting, finish in-flight batches, close viewers and Redis. */
  close(): Promise<void>;
};

/** How long shutdown waits for in-flight requests before cutting connections. */
const SHUTDOWN_GRACE_MS = 8000;

/**
 * Start a collector: the composition root. It owns every resource (HTTP server, WebSocket hub,
 * Redis connection, timers) and closes them all in `close()`.
 */
export async function startCollector(options: CollectorOptions = {}): Promise<Collector> {
  const config = resolveConfig(options);
  const log = pino({ level: config.logLevel, base: { service: 'heatlens-collector' } });
  const metrics = createMetrics();
  const observe = (op: string, s: number) => metrics.storeSeconds.observe({ op }, s);
  // Each site's limits: its own, else siteLimits, else the collector-wide options.
  const { limitsOf, pageLimits } = siteLimitsResolver(config, (id) => sites.get(id));

  // The stores ask each site's retention as they write (the registry may be replaced on reload).
  const retentionOf = (id: string) => retentionDaysOf(sites.get(id));
  const { store, redis, redisReads } = await openStore(config, { log, observe, pageLimits, retentionOf });

  const sites = createSiteRegistry(config.sites);
  const limits =
    config.rateLimits === false
      ? NO_RATE_LIMITS
      : createRateLimits({
          limits: config.rateLimits,
          redis: redis?.client,
          timeoutMs: config.commandTimeoutMs,
          onSyncError: (err) => log.warn({ err: String(err) }, 'rate limit sync failed'),
          sitePoints: (id) => limitsOf(id).writes,
        });
  // Refusals and acceptances for GET /api/setup: on Redis, shared by every collector on it.
  const setup = createSetupLog({
    backend: redis ? redisSetupBackend(redis.client, redisReads?.client) : memorySetupBackend(config.now),
    now: config.now,
    onError: (err) => log.warn({ err: String(err) }, 'setup log write failed'),
  });
  // Read-only links: their tokens are checked against the store; their /live sockets watched.
  const getShare = (id: string, now: number) => store.views.getShare(id, now);
  const grantOf = createShareAuth({ getShare, limits, now: config.now });
  const shareWatch = createShareWatch({ getShare, now: config.now });
  const handle = createRouter({
    config,
    sites,
    store,
    metrics,
    log,
    limits,
    setup,
    grantOf,
    onRevoke: shareWatch.revoked,
  });
  let baseUrl = '';
  const alerts = createAlertEngine({
    sites: () => sites.list(),
    store,
    now: config.now,
    log,
    metrics,
    baseUrl: () => baseUrl,
    options: config.alerts,
  });
  const hub = createLiveHub({ config, store, metrics, log, alerts: alerts.latest, tokenLimits: limitsOf });
  const upgrade = createUpgradeHandler({ sites, hub, limits, metrics, shares: { grantOf, watch: shareWatch } });
  // Move every site's buckets on to longer windows even when nobody reads them.
  const stopSweeps = startSweeps({ sites: () => sites.list(), store, now: config.now, log });
  const dropper = startRetentionDrops({ sites: () => sites.list(), store, now: config.now, log });

  const listener = await listenHttp(config, {
    handle,
    upgrade: (req, socket, head) => void upgrade.handleUpgrade(req, socket, head),
    onCut: () => metrics.pipelineCut.inc(),
  });
  const { server, port } = listener;
  const metricsServer =
    config.metrics.port === undefined
      ? undefined
      : await startMetricsServer(
          createMetricsHandler(metrics.registry, config.metrics),
          config.metrics.port,
          config.metrics.host ?? config.host,
        );
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  baseUrl = `http://${host}:${port}`;
  log.info(
    { port, store: redis ? (config.redisCluster ? 'redis-cluster' : 'redis') : 'memory' },
    'collector listening',
  );

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    metricsPort: metricsServer?.port,
    get sites() {
      return sites.list();
    },
    updateSites(next) {
      sites.replace(validateSites(next));
      void dropper.run(); // a lowered retention frees its history now
      return hub.revoke((token, site) =>
        isShareToken(token) ? !!sites.get(site) : sites.readableBy(token).some((s) => s.id === site),
      );
    },
    demo: config.demo,
    store,
    log,
    alerts,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        hub.close();
        shareWatch.close();
        stopSweeps();
        dropper.close();
        limits.close();
        await setup.close(); // never rejects: its flush errors are logged by onError
        await alerts.close();
        await upgrade.close();
        await listener.drained(SHUTDOWN_GRACE_MS);
        server.closeAllConnections();
        metricsServer?.server.closeAllConnections();
        metricsServer?.server.close();
        await stopped;
        await store.close();
        await redis?.close();
        await redisReads?.close();
        log.info('collector stopped');
      })();
      return closing;
    },
  };
}
