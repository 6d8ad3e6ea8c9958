import type { CaptureInfo, CaptureMeta } from '@heatlens/schema/capture';
import { RETENTION_DAYS, WINDOWS, windowKept, type WindowName } from '@heatlens/schema/constants';
import { CollectorError, fetchSites, fetchStats, getJson, postToCollector } from '../api.js';
import type { CollectorConfig } from '../storage.js';

/**
 * The longest window a site keeping `retentionDays` answers (a longer one is a 400): its click map
 * and top selectors name a capture's elements.
 */
export const longestKept = (retentionDays: number | undefined): WindowName =>
  (Object.keys(WINDOWS) as WindowName[]).filter((w) => windowKept(w, retentionDays ?? RETENTION_DAYS.default)).at(-1)!;

/** Most selectors a capture asks the page for. */
const MAX_SELECTORS = 300;

/**
 * The selectors a page's click maps name: the live snapshot's elements (when the overlay shows
 * clicks), the click map's elements and the top clicked selectors of the longest window the site
 * keeps (`retentionDays`), in that
 * order, without repeats. What the collector cannot answer is left out, not an error.
 */
export async function mapSelectors(
  config: CollectorConfig,
  site: string,
  path: string,
  live: readonly string[] = [],
): Promise<string[]> {
  const sites = await fetchSites(config).catch(() => []);
  const window = longestKept(sites.find((s) => s.id === site)?.retentionDays);
  const [heatmap, stats] = await Promise.all([
    getJson(config, '/api/heatmap', { site, path, kind: 'click', window, seg: 'all' }).catch(() => null),
    fetchStats(config, site, path, window).catch(() => null),
  ]);
  const fromMap = ((heatmap as { elements?: Array<{ sel?: unknown }> } | null)?.elements ?? [])
    .map((e) => e.sel)
    .filter((s): s is string => typeof s === 'string');
  const top = (stats?.selectors ?? []).map((s) => s.sel);
  return [...new Set([...live, ...fromMap, ...top])].slice(0, MAX_SELECTORS);
}

/** The site's mask selectors from `/api/sites` (`masks`, none when the collector lists none). */
export async function siteMasks(config: CollectorConfig, site: string): Promise<string[]> {
  const sites = await fetchSites(config);
  return sites.find((s) => s.id === site)?.masks ?? [];
}

/** A page's stored captures, newest first (`GET /api/captures`). */
export async function listCaptures(config: CollectorConfig, site: string, path: string): Promise<CaptureInfo[]> {
  const body = (await getJson(config, '/api/captures', { site, path })) as { captures?: unknown };
  if (!Array.isArray(body?.captures))
    throw new CollectorError('The collector sent an unexpected /api/captures answer.');
  return body.captures as CaptureInfo[];
}

/**
 * Send a capture: `POST /api/captures?site=&path=` with the read token, multipart (`meta` JSON and
 * the `image` file). Resolves with the stored capture's id; a `CollectorError` saying why otherwise.
 */
export async function uploadCapture(
  config: CollectorConfig,
  site: string,
  path: string,
  meta: CaptureMeta,
  image: Blob,
): Promise<string> {
  const url = new URL('/api/captures', config.collectorUrl);
  url.searchParams.set('site', site);
  url.searchParams.set('path', path);
  const form = new FormData();
  form.set('meta', JSON.stringify(meta));
  form.set('image', image, `capture.${image.type.split('/')[1] ?? 'bin'}`);
  const res = await postToCollector(config, url, form, 'the capture', {
    403: 'The read token may not write captures of this site.',
    404: 'This collector does not store page captures yet.',
    413: `The picture (${(image.size / 1e6).toFixed(1)} MB) is larger than the collector takes.`,
  });
  const body = (await res.json()) as { id?: unknown };
  if (typeof body?.id !== 'string') throw new CollectorError('The collector sent an unexpected capture answer.');
  return body.id;
}
