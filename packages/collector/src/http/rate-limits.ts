import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { RLWrapperTimeouts, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { HttpError } from './respond.js';

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
  /** batches per site, from everyone (POST /collect); default 20,000 per 10 s */
  writesPerSite?: Limit;
  /** reads per read token (/api/*, /live upgrades); default 1,200 per 10 s */
  readsPerToken?: Limit;
  /**
   * take the client IP from the first `X-Forwarded-For` entry (behind a load balancer that sets
   * it); default false: the socket's address
   */
  trustProxy?: boolean;
};

export const DEFAULT_RATE_LIMITS: Required<RateLimitOptions> = {
  writesPerIp: { points: 3000, seconds: 10 },
  writesPerSite: { points: 20_000, seconds: 10 },
  readsPerToken: { points: 1200, seconds: 10 },
  trustProxy: false,
};

export type RateLimits = {
  /** Count a write from this request's client IP; throws 429 past the limit. */
  writeIp(req: IncomingMessage): Promise<void>;
  /** Count a write to a site; throws 429 past the limit. */
  writeSite(site: string): Promise<void>;
  /** Count a read by a token; throws 429 past the limit. */
  read(token: string): Promise<void>;
};

/** Limits turned off (`rateLimits: false`). */
export const NO_RATE_LIMITS: RateLimits = { writeIp: async () => {}, writeSite: async () => {}, read: async () => {} };

/**
 * Build the limiters: Redis-backed when a Redis client (or cluster) is given, so every collector
 * shares one count; in memory otherwise. A Redis that fails or does not answer within `timeoutMs`
 * falls back to an in-memory count (the insurance limiter): limits never cause an outage.
 * Keys are single keys (`hl:rl:<kind>:<key>`), so any cluster slot serves them.
 */
export function createRateLimits(options: { limits?: RateLimitOptions; redis?: unknown; timeoutMs: number }): RateLimits {
  const o = { ...DEFAULT_RATE_LIMITS, ...options.limits };
  const make = (name: string, l: Limit): RateLimiterAbstract => {
    const base = { points: l.points, duration: l.seconds, keyPrefix: `hl:rl:${name}` };
    const memory = new RateLimiterMemory(base);
    if (!options.redis) return memory;
    const redis = new RateLimiterRedis({
      ...base,
      storeClient: options.redis,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      // A key over its limit is refused locally until its window ends: abuse costs Redis nothing.
      inMemoryBlockOnConsumed: l.points,
      insuranceLimiter: memory,
    });
    return new RLWrapperTimeouts({ limiter: redis, timeoutMs: options.timeoutMs }) as unknown as RateLimiterAbstract;
  };
  const ip = make('ip', o.writesPerIp);
  const site = make('site', o.writesPerSite);
  const read = make('read', o.readsPerToken);

  async function take(limiter: RateLimiterAbstract, key: string, what: string) {
    try {
      await limiter.consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        throw new HttpError(429, `rate limit: too many ${what}, retry later`, { 'Retry-After': Math.max(1, Math.ceil(e.msBeforeNext / 1000)) });
      }
      // Both Redis and the insurance failed: let the request through rather than refuse everyone.
    }
  }

  return {
    writeIp: (req) => take(ip, clientIp(req, o.trustProxy), 'writes from this address'),
    writeSite: (id) => take(site, id, 'writes to this site'),
    // Keyed by a digest: tokens never reach Redis.
    read: (token) => take(read, createHash('sha256').update(token).digest('base64url').slice(0, 22), 'reads with this token'),
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
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
