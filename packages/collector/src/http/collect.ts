import type { IncomingMessage, ServerResponse } from 'node:http';
import { FLUSH_HEADER, MAX_BODY_BYTES, parseBatch } from '@heatlens/schema';
import type { ResolvedConfig, SiteConfig } from '../config.js';
import { foldBatch } from '../core/fold.js';
import type { Metrics } from '../metrics.js';
import type { RateLimits } from '../edge/rate-limits.js';
import type { SiteRegistry } from '../sites.js';
import { hostOf, ownHosts } from '../core/sources.js';
import { StoreUnavailableError, type Store } from '../store/types.js';
import { readBody } from './read-body.js';
import { HttpError, sendError } from '../edge/respond.js';
import type { SetupLog } from '../setup/setup-log.js';

export type CollectDeps = {
  config: ResolvedConfig;
  sites: SiteRegistry;
  store: Store;
  metrics: Metrics;
  limits: RateLimits;
  /** where refusals and acceptances are tallied for GET /api/setup; default: nowhere */
  setup?: SetupLog;
};

const CONTENT_TYPES = new Set(['text/plain', 'application/json']);
/** Retry-After (s) when the store is down: short, the SDK backs off with jitter on top. */
const STORE_RETRY_AFTER_S = 2;

/** CORS headers for a write from `origin`: no preflight for text/plain, and the SDK may read our headers. */
export function collectCors(origin: string | undefined): Record<string, string> {
  return origin
    ? {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': `${FLUSH_HEADER}, Retry-After`,
        Vary: 'Origin',
      }
    : {};
}

// A site's own hosts, computed once per site object (a reload brings new objects).
const hostsOf = new WeakMap<SiteConfig, Set<string>>();
function siteHosts(site: SiteConfig): Set<string> {
  let hosts = hostsOf.get(site);
  if (!hosts) hostsOf.set(site, (hosts = ownHosts(site.origins)));
  return hosts;
}

/** How many events a rejected body carried, if it can tell (so every event is accounted for). */
function eventCount(data: unknown): number {
  const events = (data as { events?: unknown } | null)?.events;
  return Array.isArray(events) ? events.length : 0;
}

/** What a write is answered with. */
type Answer = { status: number; error?: string; reason: string; n: number; headers?: Record<string, string | number> };

/**
 * POST /collect: one batch, validated, folded on the server clock and written before the 204.
 * Every event received ends up in `heatlens_events_total` as accepted or dropped by reason.
 *
 * Time is bounded at every step: the body must arrive within `bodyTimeoutMs` (408 otherwise), a
 * write slot (`maxInFlight`) is taken only once the body is complete, and from then on the
 * answer comes within `writeDeadlineMs` (limits, page cap, record), 503 with Retry-After if the
 * store has not answered by then. The write may still land after that 503; the SDK's retry of the
 * same batch id is then recognised as a duplicate and answered 204.
 */
export function createCollectHandler({ config, sites, store, metrics, limits, setup }: CollectDeps) {
  const drop = (reason: string, n: number) => n > 0 && metrics.events.inc({ outcome: 'dropped', reason }, n);
  const timing = { timeoutMs: config.bodyTimeoutMs, minBytesPerSec: config.bodyMinBytesPerSec };
  let inFlight = 0;

  function send(req: IncomingMessage, res: ServerResponse, a: Answer): number {
    if (res.headersSent || res.destroyed) return a.status;
    drop(a.reason, a.n);
    metrics.batches.inc({ outcome: a.reason });
    sendError(res, a.status, a.error ?? '', { ...collectCors(req.headers.origin), ...a.headers });
    // A body cut for being slow is not drained: the connection goes with the answer.
    if (a.headers?.Connection === 'close') res.once('finish', () => req.socket.destroy());
    return a.status;
  }

  return async function collect(req: IncomingMessage, res: ServerResponse): Promise<number> {
    // 429 before reading the body: a flood from one address costs no parsing and no store write.
    try {
      await limits.writeIp(req);
    } catch (e) {
      return send(req, res, limited(e, 0));
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!CONTENT_TYPES.has(type))
      return send(req, res, {
        status: 415,
        error: 'content-type: use text/plain or application/json',
        reason: 'unsupported_media_type',
        n: 0,
      });
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity')
      return send(req, res, {
        status: 415,
        error: 'content-encoding: compressed bodies are not accepted',
        reason: 'unsupported_media_type',
        n: 0,
      });

    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES, timing);
    } catch (e) {
      if (e instanceof HttpError)
        return send(req, res, {
          status: e.status,
          error: e.message,
          reason: e.status === 408 ? 'body_timeout' : 'too_large',
          n: 0,
          headers: e.headers,
        });
      throw e;
    }

    // Shed before any work: a queue past this only adds latency (the SDK retries after Retry-After).
    if (inFlight >= config.maxInFlight) {
      return send(req, res, {
        status: 503,
        error: 'collector: overloaded, retry later',
        reason: 'overloaded',
        n: 0,
        headers: { 'Retry-After': 1 },
      });
    }
    inFlight++;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Answer>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            status: 503,
            error: 'store: no answer in time, retry later',
            reason: 'deadline',
            n: 0,
            headers: { 'Retry-After': STORE_RETRY_AFTER_S },
          }),
        config.writeDeadlineMs,
      );
    });
    try {
      const answer = await Promise.race([write(req, body), deadline]);
      if (answer.status === 204) {
        res.writeHead(204, { ...collectCors(req.headers.origin), ...answer.headers });
        res.end();
        return 204;
      }
      return send(req, res, answer);
    } finally {
      clearTimeout(timer);
      inFlight--;
    }
  };

  function limited(e: unknown, n: number): Answer {
    if (e instanceof HttpError && e.status === 429)
      return { status: 429, error: e.message, reason: 'rate_limited', n, headers: e.headers };
    throw e;
  }

  async function write(req: IncomingMessage, body: Buffer): Promise<Answer> {
    const origin = req.headers.origin;
    let data: unknown;
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return { status: 400, error: 'body: invalid JSON', reason: 'invalid', n: 0 };
    }
    const parsed = parseBatch(data);
    if (!parsed.ok) {
      // Counted for the site it names, when that is a site of ours; the field is what the owner fixes.
      const named = (data as { site?: unknown } | null)?.site;
      if (typeof named === 'string' && sites.get(named)) setup?.refused(named, 'invalid', parsed.error.split(':')[0]!);
      return { status: 400, error: parsed.error, reason: 'invalid', n: eventCount(data) };
    }
    const batch = parsed.value;
    const n = batch.events.length;
    drop('unknown_type', parsed.skipped);
    // Events the SDK itself dropped (a full queue, the keepalive quota at unload), reported late.
    drop('client', batch.dropped ?? 0);

    const site = sites.get(batch.site);
    if (!site) {
      setup?.refused(batch.site, 'unknown_site', batch.site);
      return { status: 403, error: `site: unknown site "${batch.site}"`, reason: 'forbidden', n };
    }
    if (!sites.originAllowed(site, origin)) {
      setup?.refused(site.id, 'origin', origin ?? '(none)');
      return {
        status: 403,
        error: `origin: ${origin ?? '(none)'} may not write to site "${site.id}"`,
        reason: 'forbidden',
        n,
      };
    }

    try {
      await limits.writeSite(site.id, req);
    } catch (e) {
      const answer = limited(e, n);
      setup?.refused(site.id, 'rate_limited', '');
      return answer;
    }

    const folded = foldBatch(batch, sites.routeOf(site, batch.path), config.now(), config.grid, {
      own: siteHosts(site),
      pageHost: hostOf(origin),
    });
    drop('too_old', folded.tooOld);
    let result;
    try {
      result = await store.record(folded);
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        return {
          status: 503,
          error: 'store: unavailable, retry later',
          reason: 'store_unavailable',
          n: folded.accepted,
          headers: { 'Retry-After': STORE_RETRY_AFTER_S },
        };
      }
      throw e;
    }
    if (result.duplicate) {
      drop('duplicate', folded.accepted);
      metrics.batches.inc({ outcome: 'duplicate' });
    } else {
      metrics.events.inc({ outcome: 'accepted', reason: 'ok' }, folded.accepted);
      metrics.batches.inc({ outcome: 'accepted' });
    }
    setup?.accepted(site.id);
    return {
      status: 204,
      reason: 'accepted',
      n: 0,
      headers: { [FLUSH_HEADER]: String(result.watched ? config.flushLiveMs : config.flushIdleMs) },
    };
  }
}
