import type { IncomingMessage } from 'node:http';
import { FLUSH_HEADER, parseBatch } from '@heatlens/schema';
import type { ResolvedConfig, SiteConfig } from '../config.js';
import { HttpError } from '../edge/respond.js';
import type { RateLimits } from '../edge/rate-limits.js';
import { foldBatch } from '../core/fold.js';
import { retentionDaysOf, retentionMs } from '../core/retention.js';
import type { Metrics } from '../metrics.js';
import type { SetupLog } from '../setup/setup-log.js';
import type { SiteRegistry } from '../sites.js';
import type { DropReason } from '../core/drop-reasons.js';
import { hostOf, ownHosts } from '../core/sources.js';
import { StoreUnavailableError, type Store } from '../store/types.js';

/** What a write is answered with: status, error text, the outcome it is counted under, events dropped, headers. */
export type Answer = {
  status: number;
  error?: string;
  /** the `heatlens_batches_total` outcome (and the drop reason of `n` events, core/drop-reasons.ts) */
  reason: DropReason | 'accepted';
  /** events dropped with this answer */
  n: number;
  headers?: Record<string, string | number>;
};

/** What accepting a batch needs: the collector's parts (no socket). */
export type AcceptDeps = {
  config: ResolvedConfig;
  sites: SiteRegistry;
  store: Store;
  metrics: Metrics;
  limits: RateLimits;
  /** where refusals and acceptances are tallied for GET /api/setup; default: nowhere */
  setup?: SetupLog | undefined;
};

/** Retry-After (s) when the store is down: short, the SDK backs off with jitter on top. */
export const STORE_RETRY_AFTER_S = 2;

// A site's own hosts, computed once per site object (a reload brings new objects).
const hostsOf = new WeakMap<SiteConfig, Set<string>>();
function siteHosts(site: SiteConfig): Set<string> {
  let hosts = hostsOf.get(site);
  if (!hosts) hostsOf.set(site, (hosts = ownHosts(site.origins)));
  return hosts;
}

// The writing page's host per Origin header: a site writes from few origins, so the URL parse is
// done once each; bounded (a client may send any Origin), started afresh when full.
const ORIGIN_HOSTS_MAX = 1000;
const originHosts = new Map<string, string | undefined>();
function pageHostOf(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (originHosts.has(origin)) return originHosts.get(origin);
  if (originHosts.size >= ORIGIN_HOSTS_MAX) originHosts.clear();
  const host = hostOf(origin);
  originHosts.set(origin, host);
  return host;
}

/** How many events a rejected body carried, if it can tell (so every event is accounted for). */
function eventCount(data: unknown): number {
  const events = (data as { events?: unknown } | null)?.events;
  return Array.isArray(events) ? events.length : 0;
}

/** A rate limiter's refusal as an answer carrying `n` events; anything else is rethrown. */
export function limited(e: unknown, n: number): Answer {
  if (e instanceof HttpError && e.status === 429)
    return { status: 429, error: e.message, reason: 'rate_limited', n, headers: e.headers };
  throw e;
}

/**
 * Accept one complete `POST /collect` body: parse and validate it (400 with the schema's message),
 * check the site and the writing page's origin (403), the site's write budget (429), fold it on the
 * server clock and record it in the store, answering 204 (with the flush hint) once the store has
 * it, 503 when the store is unavailable. Events dropped on the way (unknown types, the client's own
 * drops, too old, duplicates) are counted here; the answer's `n` are those the caller counts with
 * it. `req` is only handed to the rate limiter (the client's address); `origin` is the request's
 * Origin header. Throws only what it cannot answer (a broken store, a limiter bug).
 */
export async function acceptBatch(
  { config, sites, store, metrics, limits, setup }: AcceptDeps,
  body: Buffer,
  origin: string | undefined,
  req: IncomingMessage,
): Promise<Answer> {
  const drop = metrics.dropped;
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
    pageHost: pageHostOf(origin),
    retentionMs: retentionMs(retentionDaysOf(site)),
  });
  drop('too_old', folded.tooOld);
  let result;
  try {
    result = await store.record(folded);
  } catch (e) {
    if (!(e instanceof StoreUnavailableError)) throw e;
    return {
      status: 503,
      error: 'store: unavailable, retry later',
      reason: 'store_unavailable',
      n: folded.accepted,
      headers: { 'Retry-After': STORE_RETRY_AFTER_S },
    };
  }
  if (result.duplicate) {
    drop('duplicate', folded.accepted);
    metrics.batches.inc({ outcome: 'duplicate' });
  } else {
    metrics.events.inc({ outcome: 'accepted', reason: 'ok' }, folded.accepted);
    metrics.batches.inc({ outcome: 'accepted' });
  }
  setup?.accepted(site.id);
  const flush = result.watched ? config.flushLiveMs : config.flushIdleMs;
  return { status: 204, reason: 'accepted', n: 0, headers: { [FLUSH_HEADER]: String(flush) } };
}
