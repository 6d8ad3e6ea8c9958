import { GRID, type CaptureLimits } from '@heatlens/schema';
import type { SiteAlerts } from './alerts/rules.js';
import type { AlertOptions } from './alerts/options.js';
import type { SiteLimits } from './site-limits.js';
import type { MetricsOptions } from './metrics-options.js';

// The collector's options, their types and their defaults; config.ts checks them (`resolveConfig`).

/** One site: its public id, the origins allowed to write, its read token and route templates. */
export type SiteConfig = {
  id: string;
  /** `scheme://host[:port]`, or `*` for any origin */
  origins: string[];
  /** bearer token for reads, [A-Za-z0-9_-]{16,128} */
  readToken: string;
  /** templates such as `/product/:id`: matching paths count as one page */
  routes?: string[];
  /** alert rules and their webhook (alerts/rules.ts); unset: no alerts */
  alerts?: SiteAlerts;
  /** CSS selectors the extension paints over (and never names) in page captures (site-masks.ts) */
  masks?: string[];
  /** this site's own limits (site-limits.ts); each unset one is `siteLimits`' or the collector's */
  limits?: Partial<SiteLimits>;
  /** days of history kept, 1..400 (core/retention.ts); default 30 */
  retentionDays?: number;
};

/** Options of `startCollector`; every one has a default. */
export type CollectorOptions = {
  /** TCP port; default 8080 (0: any free port) */
  port?: number;
  /** interface to listen on; default 127.0.0.1 */
  host?: string;
  /** Redis URL; default unset: the in-memory store */
  redisUrl?: string;
  /** Redis Cluster seeds as `host:port`; default unset */
  redisCluster?: string[];
  /** sites; default one `demo` site, any origin, random read token, route `/product/:id` */
  sites?: SiteConfig[];
  /** live push interval in ms; default 250 */
  hopMs?: number;
  /** tiles per side; default 50 */
  grid?: number;
  /** flush interval the SDK is told to use while an owner watches its page; default 500 ms */
  flushLiveMs?: number;
  /** flush interval the SDK is told to use otherwise; default 5000 ms */
  flushIdleMs?: number;
  /** Redis command timeout in ms, after which writes answer 503; default 1000 */
  commandTimeoutMs?: number;
  /**
   * Most `POST /collect` requests in progress at once; past it the collector answers 503 with
   * Retry-After at once instead of queueing (latency stays bounded under overload); default 256
   */
  maxInFlight?: number;
  /**
   * ms a `POST /collect` body may take to arrive after its headers; a slower one is answered 408
   * and its connection closed. It holds no write slot meanwhile (slots are taken once the body
   * is complete). Default 10,000
   */
  bodyTimeoutMs?: number;
  /** least average body rate in bytes/s after the first second, else 408 before the deadline; default 512 */
  bodyMinBytesPerSec?: number;
  /**
   * ms from a complete body to the answer of `POST /collect` (limits, page cap, store write);
   * past it the write is answered 503 with Retry-After, whatever the store is doing. Default 1000
   */
  writeDeadlineMs?: number;
  /**
   * ms one read (heatmap, stats, pages, captures, views, setup) may take on Redis, every step of
   * it; past it the read is answered 503 with Retry-After. Default 5000
   */
  readDeadlineMs?: number;
  /**
   * On Redis: reads on a connection (or cluster client) of their own, so a heavy read never queues
   * ahead of a write; `false` shares one. Default true
   */
  redisReadConnection?: boolean;
  /** bounds on open `/live` sockets, past which an upgrade is answered 429; default DEFAULT_LIVE_LIMITS */
  liveLimits?: Partial<LiveLimits>;
  /** the clock, ms since epoch; default Date.now */
  now?: () => number;
  /** pino level; default `info` */
  logLevel?: string;
  /** file served at GET /sdk.js; default @heatlens/sdk's script-tag build */
  sdkFile?: string;
  /** folder of the dashboard (index.html, assets/); default the package's public/ */
  publicDir?: string;
  /**
   * rate limits per client IP and per site for writes, per read token for reads (429 with
   * Retry-After), shared through Redis when configured; `false` turns them off. Default
   * DEFAULT_RATE_LIMITS: 3,000 batches per IP and 20,000 per site per 10 s, 1,200 reads per token per 10 s
   */
  rateLimits?: RateLimitOptions | false;
  /**
   * distinct pages a site may create per 5-minute bucket; events for further new paths are
   * counted under the page `(other)`, so random paths cannot exhaust Redis memory; default 1000
   */
  maxPagesPerSite?: number;
  /** alert evaluation and webhook delivery (alerts/engine.ts); each field has a default */
  alerts?: AlertOptions;
  /** every site's limits unless its entry sets its own (site-limits.ts; env HEATLENS_SITE_*) */
  siteLimits?: Partial<SiteLimits>;
  /** bounds on page captures (`POST /api/captures`); each field defaults to the schema's CAPTURE_LIMITS */
  captureLimits?: Partial<CaptureLimits>;
  /**
   * ms a `POST /api/captures` body (up to `captureLimits.imageBytes`) may take to arrive, at
   * `bodyMinBytesPerSec` or more after the first second; else 408 and the connection is closed. Default 30,000
   */
  captureTimeoutMs?: number;
  /** `/metrics`: render cache, token, separate listener (http/metrics-endpoint.ts); each field has a default */
  metrics?: MetricsOptions;
};

/** One limit: at most `points` requests per `seconds` for one key. */
export type Limit = { points: number; seconds: number };

/**
 * Rate limits of the collector, each a fixed window per key. The defaults are generous: one busy
 * office behind a NAT, `pnpm simulate` with hundreds of visitors and the dashboard never meet them;
 * a script hammering one site or from one address does.
 */
export type RateLimitOptions = {
  /** batches per client IP (POST /collect); default 3,000 per 10 s */
  writesPerIp?: Limit;
  /**
   * batches per site, from everyone (POST /collect); default 20,000 per 10 s. Past it only the
   * sources (client IPs, IPv6 /64s) above their fair share (this limit / sources seen in the
   * window) get 429: a few flooding sources cannot spend the site's budget against its visitors
   */
  writesPerSite?: Limit;
  /** reads per read token (/api/*, /live upgrades); default 1,200 per 10 s */
  readsPerToken?: Limit;
  /**
   * take the client IP from the first `X-Forwarded-For` entry (behind a load balancer that sets
   * it); default false: the socket's address
   */
  trustProxy?: boolean;
  /** ms between two exchanges of the local counts with Redis (shared limits); default 1000 */
  syncMs?: number;
};

/** The rate limits used where `rateLimits` leaves a field out (see each field's default). */
export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
  writesPerIp: { points: 3000, seconds: 10 },
  writesPerSite: { points: 20_000, seconds: 10 },
  readsPerToken: { points: 1200, seconds: 10 },
  trustProxy: false,
  syncMs: 1000,
};

/** Bounds on open `/live` sockets (each one costs a socket, buffers and a share of its feed). */
export type LiveLimits = {
  /** open sockets per read token; default 200 */
  socketsPerToken: number;
  /** distinct pages (site, path, window) watched per read token; default 100 */
  pathsPerToken: number;
  /** open sockets in this process; default 5,000 */
  sockets: number;
  /** distinct pages watched in this process (each one is read from the store every hop); default 1,000 */
  paths: number;
};

export const DEFAULT_LIVE_LIMITS: LiveLimits = { socketsPerToken: 200, pathsPerToken: 100, sockets: 5000, paths: 1000 };

export type ResolvedConfig = Required<
  Omit<
    CollectorOptions,
    | 'redisUrl'
    | 'redisCluster'
    | 'sdkFile'
    | 'publicDir'
    | 'rateLimits'
    | 'liveLimits'
    | 'alerts'
    | 'captureLimits'
    | 'metrics'
    | 'siteLimits'
  >
> &
  Pick<
    CollectorOptions,
    'redisUrl' | 'redisCluster' | 'sdkFile' | 'publicDir' | 'rateLimits' | 'alerts' | 'siteLimits'
  > & {
    demo: boolean;
    liveLimits: LiveLimits;
    captureLimits: CaptureLimits;
    metrics: MetricsOptions;
  };

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  hopMs: 250,
  grid: GRID,
  flushLiveMs: 500,
  flushIdleMs: 5000,
  commandTimeoutMs: 1000,
  maxInFlight: 256,
  bodyTimeoutMs: 10_000,
  bodyMinBytesPerSec: 512,
  writeDeadlineMs: 1000,
  readDeadlineMs: 5000,
  redisReadConnection: true,
  logLevel: 'info',
  maxPagesPerSite: 1000,
  captureTimeoutMs: 30_000,
} as const;
