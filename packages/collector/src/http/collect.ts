import type { IncomingMessage, ServerResponse } from 'node:http';
import { FLUSH_HEADER, MAX_BODY_BYTES } from '@heatlens/schema';
import type { ResolvedConfig } from '../config.js';
import { createDeadlines } from '../core/deadlines.js';
import type { Metrics } from '../metrics.js';
import type { RateLimits } from '../edge/rate-limits.js';
import type { SiteRegistry } from '../sites.js';
import type { Store } from '../store/types.js';
import { STORE_RETRY_AFTER_S, acceptBatch, limited, type Answer } from './accept-batch.js';
import { readBody } from './read-body.js';
import { HttpError, sendError } from '../edge/respond.js';
import type { SetupLog } from '../setup/setup-log.js';
import { securityHeaderList, setSecurityHeaders } from './security-headers.js';

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
/** The answer when the store has not answered within the write deadline. */
const DEADLINE: Answer = {
  status: 503,
  error: 'store: no answer in time, retry later',
  reason: 'deadline',
  n: 0,
  headers: { 'Retry-After': STORE_RETRY_AFTER_S },
};

const EXPOSE = `${FLUSH_HEADER}, Retry-After`;

/** CORS headers for a write from `origin`: no preflight for text/plain, and the SDK may read our headers. */
export function collectCors(origin: string | undefined): Record<string, string> {
  return origin
    ? {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': EXPOSE,
        Vary: 'Origin',
      }
    : {};
}

/**
 * POST /collect: one batch, validated, folded on the server clock and written before the 204.
 * Every event received ends up in `heatlens_events_total` as accepted or dropped by reason.
 *
 * Time is bounded at every step: the body must arrive within `bodyTimeoutMs` (408 otherwise), a
 * write slot (`maxInFlight`) is taken only once the body is complete, and from then on the
 * answer comes within `writeDeadlineMs` (limits, page cap, record), 503 with Retry-After if the
 * store has not answered by then. The write may still land after that 503; the SDK's retry of the
 * same batch id is then recognised as a duplicate and answered 204. The deadlines of all writes
 * share one timer (deadlines.ts). What happens once the body is in is `acceptBatch`'s.
 */
export function createCollectHandler(deps: CollectDeps) {
  const { config, metrics, limits } = deps;
  const timing = { timeoutMs: config.bodyTimeoutMs, minBytesPerSec: config.bodyMinBytesPerSec };
  const deadlines = createDeadlines(config.writeDeadlineMs);
  let inFlight = 0;

  function send(req: IncomingMessage, res: ServerResponse, a: Answer): number {
    if (res.headersSent || res.destroyed) return a.status;
    if (a.reason !== 'accepted') metrics.dropped(a.reason, a.n);
    metrics.batches.inc({ outcome: a.reason });
    setSecurityHeaders(req, res);
    sendError(res, a.status, a.error ?? '', { ...collectCors(req.headers.origin), ...a.headers });
    // A body cut for being slow is not drained: the connection goes with the answer.
    if (a.headers?.Connection === 'close') res.once('finish', () => req.socket.destroy());
    return a.status;
  }

  /** The batch's answer, or the deadline's when that comes first (the write goes on unheard). */
  function acceptInTime(req: IncomingMessage, body: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const d = deadlines.add(() => resolve(DEADLINE));
      acceptBatch(deps, body, req.headers.origin, req).then(
        (a) => {
          deadlines.done(d);
          resolve(a);
        },
        (e: unknown) => {
          deadlines.done(d);
          reject(e);
        },
      );
    });
  }

  return async function collect(req: IncomingMessage, res: ServerResponse): Promise<number> {
    // 429 before reading the body: a flood from one address costs no parsing and no store write.
    try {
      await limits.writeIp(req);
    } catch (e) {
      return send(req, res, limited(e, 0));
    }
    const refused = refuseHeaders(req);
    if (refused) return send(req, res, refused);

    let body: Buffer;
    try {
      body = await readBody(req, MAX_BODY_BYTES, timing);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const reason = e.status === 408 ? 'body_timeout' : 'too_large';
      return send(req, res, { status: e.status, error: e.message, reason, n: 0, headers: e.headers });
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
    try {
      const answer = await acceptInTime(req, body);
      if (answer.status !== 204) return send(req, res, answer);
      res.writeHead(204, acceptedHeaders(req, answer));
      res.end();
      return 204;
    } finally {
      inFlight--;
    }
  };
}

/**
 * The 204's headers as one flat list for `writeHead`: the security headers, CORS for the origin and
 * the answer's own (the flush hint). Written in one call: the router sets nothing on a write first.
 */
function acceptedHeaders(req: IncomingMessage, answer: Answer): string[] {
  const list = [...securityHeaderList(req.headers.host)];
  const origin = req.headers.origin;
  if (origin)
    list.push('Access-Control-Allow-Origin', origin, 'Access-Control-Expose-Headers', EXPOSE, 'Vary', 'Origin');
  if (answer.headers) for (const k in answer.headers) list.push(k, String(answer.headers[k]));
  return list;
}

/** A 415 for a body the collector does not read (content type, compression), or undefined. */
function refuseHeaders(req: IncomingMessage): Answer | undefined {
  const raw = req.headers['content-type'] ?? '';
  // The SDK's own `text/plain` (and a bare `application/json`) need no splitting or case folding.
  const type = CONTENT_TYPES.has(raw) ? raw : raw.split(';')[0]!.trim().toLowerCase();
  if (!CONTENT_TYPES.has(type))
    return {
      status: 415,
      error: 'content-type: use text/plain or application/json',
      reason: 'unsupported_media_type',
      n: 0,
    };
  const encoding = req.headers['content-encoding'];
  if (encoding && encoding !== 'identity')
    return {
      status: 415,
      error: 'content-encoding: compressed bodies are not accepted',
      reason: 'unsupported_media_type',
      n: 0,
    };
  return undefined;
}
