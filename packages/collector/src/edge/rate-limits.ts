import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DEFAULT_RATE_LIMITS, type Limit, type RateLimitOptions } from '../config.js';
import { createLimitSync, type CounterClient } from './limit-sync.js';
import { HttpError } from './respond.js';
import { rateLimitKey } from '../store/redis-keys.js';

/** Sources tracked per site and window for fair shares; further new ones share one entry. */
const MAX_SOURCES_PER_SITE = 10_000;

export type RateLimits = {
  /** Count a write from this request's client IP; throws 429 past the limit. No I/O. */
  writeIp(req: IncomingMessage): Promise<void>;
  /**
   * Count a write to a site from this request's source; throws 429 past the site's limit to sources
   * over their share. No I/O.
   */
  writeSite(site: string, req: IncomingMessage): Promise<void>;
  /** Count a read by a token as `cost` points (edge/read-cost.ts; default 1); throws 429 past the limit. No I/O. */
  read(token: string, cost?: number): Promise<void>;
  /** Exchange counts with the other collectors now (tests; a timer does it otherwise). */
  sync(): Promise<void>;
  close(): void;
};

/** Limits turned off (`rateLimits: false`). */
export const NO_RATE_LIMITS: RateLimits = {
  writeIp: async () => {},
  writeSite: async () => {},
  read: async () => {},
  sync: async () => {},
  close() {},
};

/** A refusal's answer as it is (over the limit); any other failure lets the request through. */
function overOrOpen(e: unknown): RateLimiterRes {
  if (e instanceof RateLimiterRes) return e;
  // The memory limiter does not fail; should it, let the request through rather than refuse everyone.
  return new RateLimiterRes(0, 0, 0);
}

const tooMany = (what: string, ms: number) =>
  new HttpError(429, `rate limit: too many ${what}, retry later`, { 'Retry-After': Math.max(1, Math.ceil(ms / 1000)) });

/**
 * Build the limiters. Every count lives in this process (rate-limiter-flexible's memory limiter,
 * fixed windows): no request waits on Redis for its limit. With Redis (a client or cluster), the
 * counts are shared between collectors in the background (limit-sync.ts): each collector adds
 * what the others counted at the next exchange, so a limit holds across N collectors within one
 * sync interval's worth of requests. Keys in Redis are single keys (`hl:rl:<kind>:<key>`).
 */
export function createRateLimits(options: {
  limits?: RateLimitOptions;
  redis?: CounterClient;
  timeoutMs: number;
  onSyncError?: (e: unknown) => void;
  /** a site's own write budget per window (the sites file's `limits.writes`), else `writesPerSite.points` */
  sitePoints?: (site: string) => number | undefined;
}): RateLimits {
  const o = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  const shared = createLimitSync({
    client: options.redis,
    everyMs: o.syncMs,
    timeoutMs: options.timeoutMs,
    onError: options.onSyncError ?? (() => {}),
  });
  const make = (name: string, l: Limit) => ({
    name: rateLimitKey(name),
    limit: l,
    limiter: new RateLimiterMemory({ points: l.points, duration: l.seconds }),
  });
  const ip = make('ip', o.writesPerIp);
  // Each site's budget is its own (sitePoints): the limiter only counts, `over` compares.
  const site = make('site', { ...o.writesPerSite, points: Math.max(o.writesPerSite.points, 10_000_000) });
  const sitePoints = (id: string) => options.sitePoints?.(id) ?? o.writesPerSite.points;
  const read = make('read', o.readsPerToken);
  // site -> the current window's writes per source, for fair shares (local to this collector).
  const sources = new Map<string, { until: number; counts: Map<string, number> }>();

  /** Consume one point; resolves with the limiter's answer, whether over the limit or not. */
  function take(l: ReturnType<typeof make>, key: string, points = 1, limit = l.limit.points): Promise<RateLimiterRes> {
    shared.add(l.limiter, l.name, key, l.limit.seconds * 1000, limit);
    // The limiter's own promise, not one wrapped around it: this runs twice on every write.
    return l.limiter.consume(key, points).catch(overOrOpen);
  }
  const over = (l: ReturnType<typeof make>, r: RateLimiterRes, limit = l.limit.points) => r.consumedPoints > limit;

  /** This source's writes to `id` in the current window, counted now. */
  function countSource(id: string, source: string): { mine: number; sources: number } {
    const now = Date.now();
    let s = sources.get(id);
    if (!s || s.until <= now) sources.set(id, (s = { until: now + o.writesPerSite.seconds * 1000, counts: new Map() }));
    const key = s.counts.has(source) || s.counts.size < MAX_SOURCES_PER_SITE ? source : '(many)';
    const mine = (s.counts.get(key) ?? 0) + 1;
    s.counts.set(key, mine);
    return { mine, sources: s.counts.size };
  }

  return {
    async writeIp(req) {
      const r = await take(ip, clientIp(req, o.trustProxy));
      if (over(ip, r)) throw tooMany('writes from this address', r.msBeforeNext);
    },
    async writeSite(id, req) {
      const { mine, sources: n } = countSource(id, clientIp(req, o.trustProxy));
      const points = sitePoints(id);
      const r = await take(site, id, 1, points);
      // Over the site's budget, a source keeps its fair share of it: the flood is what gets cut.
      if (over(site, r, points) && mine > points / n)
        throw tooMany('writes to this site from this address', r.msBeforeNext);
    },
    async read(token, cost = 1) {
      // Keyed by a digest: tokens never reach Redis.
      const r = await take(read, createHash('sha256').update(token).digest('base64url').slice(0, 22), cost);
      if (over(read, r)) throw tooMany('reads with this token', r.msBeforeNext);
    },
    sync: () => shared.flush(),
    close: () => shared.close(),
  };
}

/**
 * The client's rate-limit key: the socket's address, or the first X-Forwarded-For entry when the
 * proxy is trusted. IPv6 addresses count per /64, the smallest block one subscriber gets: keyed per
 * address, one host could rotate through 2^64 of them and never meet its limit.
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  let ip = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) ip = first;
  }
  return ipv6Prefix64(ip) ?? ip;
}

/** `2001:db8:1:2::5` -> `2001:db8:1:2::/64`; undefined for IPv4 and IPv4-mapped addresses. */
export function ipv6Prefix64(ip: string): string | undefined {
  if (!isIP(ip) || isIP(ip) !== 6 || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return undefined;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
