import { Value } from '@sinclair/typebox/value';
import { Sites, Stats, type ReadableSite } from '@heatlens/schema/live';
import type { CollectorConfig } from './storage.js';

export type { ReadableSite } from '@heatlens/schema/live';

/** A collector answer that was not what the extension can use, with a sentence for the owner. */
export class CollectorError extends Error {
  override name = 'CollectorError';
}

/** GET a collector route with the read token; a `CollectorError` with a sentence for the owner when it fails. */
export async function getJson(
  config: CollectorConfig,
  path: string,
  params: Record<string, string> = {},
): Promise<unknown> {
  const url = new URL(path, config.collectorUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  let res: Response;
  try {
    res = await fetch(url, { headers: { Authorization: `Bearer ${config.token}` }, cache: 'no-store' });
  } catch {
    throw new CollectorError(`Cannot reach the collector at ${url.origin}.`);
  }
  if (res.status === 401) throw new CollectorError('The collector refused the read token.');
  if (res.status === 403) throw new CollectorError('The read token may not read this site.');
  if (!res.ok) throw new CollectorError(`The collector answered ${res.status} to ${url.pathname}.`);
  return res.json();
}

/**
 * POST to a collector route with the read token (`headers` added). Resolves with the answer when it
 * is 2xx; otherwise a `CollectorError` with a sentence for the owner: the collector unreachable,
 * the token refused, `refusals[status]` where the route has its own sentence for a status, else
 * the status and the collector's own `error` for `what` was sent.
 */
export async function postToCollector(
  config: CollectorConfig,
  url: URL,
  body: BodyInit,
  what: string,
  refusals: Record<number, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body, headers: { Authorization: `Bearer ${config.token}`, ...headers } });
  } catch {
    throw new CollectorError(`Cannot reach the collector at ${url.origin}.`);
  }
  if (res.status === 401) throw new CollectorError('The collector refused the read token.');
  const refusal = refusals[res.status];
  if (refusal) throw new CollectorError(refusal);
  if (!res.ok) {
    const why = ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? '';
    throw new CollectorError(`The collector answered ${res.status} to ${what}. ${why}`.trim());
  }
  return res;
}

/** The sites the configured token may read, validated against the schema's `Sites`. */
export async function fetchSites(config: CollectorConfig): Promise<ReadableSite[]> {
  const body = await getJson(config, '/api/sites');
  if (!Value.Check(Sites, body)) throw new CollectorError('The collector sent an unexpected /api/sites answer.');
  return body.sites;
}

/** A page's live numbers over a window, validated against the schema's `Stats`. */
export async function fetchStats(config: CollectorConfig, site: string, path: string, window: string): Promise<Stats> {
  const body = await getJson(config, '/api/stats', { site, path, window });
  if (!Value.Check(Stats, body)) throw new CollectorError('The collector sent an unexpected /api/stats answer.');
  return body;
}

/**
 * The readable site a page belongs to: the first whose origins list the page's origin, else the
 * first that accepts any origin ('*'). Null for other pages and for non-http(s) URLs.
 */
export function siteForUrl<S extends Pick<ReadableSite, 'origins'>>(sites: S[], pageUrl: string | undefined): S | null {
  if (!pageUrl) return null;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return sites.find((s) => s.origins.includes(url.origin)) ?? sites.find((s) => s.origins.includes('*')) ?? null;
}

/**
 * The host-permission pattern for a collector or page URL: scheme and host, no port. Match patterns
 * ignore the port (one grant covers the host on any port), and Firefox rejects one that names it.
 */
export function originPattern(collectorUrl: string): string {
  const url = new URL(collectorUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
