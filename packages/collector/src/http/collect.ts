import type { IncomingMessage, ServerResponse } from 'node:http';
import { FLUSH_HEADER, MAX_BODY_BYTES, parseBatch } from '@heatlens/schema';
import type { ResolvedConfig } from '../config.js';
import { foldBatch } from '../fold.js';
import type { Metrics } from '../metrics.js';
import type { RateLimits } from './rate-limits.js';
import type { SiteRegistry } from '../sites.js';
import { StoreUnavailableError, type Store } from '../store/types.js';
import { readBody } from './read-body.js';
import { HttpError, sendError } from './respond.js';

export type CollectDeps = { config: ResolvedConfig; sites: SiteRegistry; store: Store; metrics: Metrics; limits: RateLimits };

const CONTENT_TYPES = new Set(['text/plain', 'application/json']);
/** Retry-After (s) when the store is down: short, the SDK backs off with jitter on top. */
const STORE_RETRY_AFTER_S = 2;

/** CORS headers for a write from `origin`: no preflight for text/plain, and the SDK may read our headers. */
export function collectCors(origin: string | undefined): Record<string, string> {
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': `${FLUSH_HEADER}, Retry-After`, Vary: 'Origin' }
    : {};
}

/** How many events a rejected body carried, if it can tell (so every event is accounted for). */
function eventCount(data: unknown): number {
  const events = (data as { events?: unknown } | null)?.events;
  return Array.isArray(events) ? events.length : 0;
}

/**
 * POST /collect: one batch, validated, folded on the server clock and written before the 204.
 * Every event received ends up in `heatlens_events_total` as accepted or dropped by reason.
 */
export function createCollectHandler({ config, sites, store, metrics, limits }: CollectDeps) {
  const drop = (reason: string, n: number) => n > 0 && metrics.events.inc({ outcome: 'dropped', reason }, n);
  let inFlight = 0;

  return async function collect(req: IncomingMessage, res: ServerResponse): Promise<number> {
    // Shed before any work: a queue past this only adds latency (the SDK retries after Retry-After).
    if (inFlight >= config.maxInFlight) {
      metrics.batches.inc({ outcome: 'overloaded' });
      // Node drains the unread body so the keep-alive connection stays usable; closing instead
      // would reset connections whose body is still arriving.
      sendError(res, 503, 'collector: overloaded, retry later', { ...collectCors(req.headers.origin), 'Retry-After': 1 });
      return 503;
    }
    inFlight++;
    try {
      return await collectOne(req, res);
    } finally {
      inFlight--;
    }
  };

  async function collectOne(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const origin = req.headers.origin;
    const cors = collectCors(origin);
    const fail = (status: number, error: string, reason: string, n: number, headers: Record<string, string | number> = {}) => {
      drop(reason, n);
      metrics.batches.inc({ outcome: reason });
      sendError(res, status, error, { ...cors, ...headers });
      return status;
    };

    // 429 before reading the body: a flood from one address costs no parsing and no Redis write.
    const limited = (e: unknown, n: number) => {
      if (e instanceof HttpError && e.status === 429) return fail(429, e.message, 'rate_limited', n, e.headers);
      throw e;
    };
    try {
      await limits.writeIp(req);
    } catch (e) {
      return limited(e, 0);
    }

    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!CONTENT_TYPES.has(type)) return fail(415, 'content-type: use text/plain or application/json', 'unsupported_media_type', 0);
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return fail(415, 'content-encoding: compressed bodies are not accepted', 'unsupported_media_type', 0);

    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof HttpError) return fail(e.status, e.message, 'too_large', 0, e.headers);
      throw e;
    }
    let data: unknown;
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(400, 'body: invalid JSON', 'invalid', 0);
    }
    const parsed = parseBatch(data);
    if (!parsed.ok) return fail(400, parsed.error, 'invalid', eventCount(data));
    const batch = parsed.value;
    const n = batch.events.length;
    drop('unknown_type', parsed.skipped);
    // Events the SDK itself dropped (a full queue, the keepalive quota at unload), reported late.
    drop('client', batch.dropped ?? 0);

    const site = sites.get(batch.site);
    if (!site) return fail(403, `site: unknown site "${batch.site}"`, 'forbidden', n);
    if (!sites.originAllowed(site, origin)) return fail(403, `origin: ${origin ?? '(none)'} may not write to site "${site.id}"`, 'forbidden', n);

    try {
      await limits.writeSite(site.id);
    } catch (e) {
      return limited(e, n);
    }

    const folded = foldBatch(batch, sites.pageKey(site, batch.path), config.now(), config.grid);
    drop('too_old', folded.tooOld);
    let result;
    try {
      result = await store.record(folded);
    } catch (e) {
      if (e instanceof StoreUnavailableError) {
        return fail(503, 'store: unavailable, retry later', 'store_unavailable', folded.accepted, { 'Retry-After': STORE_RETRY_AFTER_S });
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
    res.writeHead(204, { ...cors, [FLUSH_HEADER]: String(result.watched ? config.flushLiveMs : config.flushIdleMs) });
    res.end();
    return 204;
  }
}
