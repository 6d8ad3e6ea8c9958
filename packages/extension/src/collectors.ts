import type { ReadableSite } from '@heatlens/schema/live';
import { siteForUrl } from './api.js';
import type { CollectorConfig } from './storage.js';

/** The part of a storage area this needs (`browser.storage.local` has it). */
export type Area = {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
};

const LIST = 'collectors';
const isConfig = (c: unknown): c is CollectorConfig =>
  typeof (c as CollectorConfig)?.collectorUrl === 'string' &&
  typeof (c as CollectorConfig)?.token === 'string' &&
  Boolean((c as CollectorConfig).collectorUrl && (c as CollectorConfig).token);

/**
 * Every collector URL and read token the owner saved (an owner with two sites, or two collectors,
 * keeps a pair each), newest first. The single pair earlier versions kept (`collectorUrl`,
 * `token`) is part of the list, so nothing has to be entered again after an update.
 */
export async function loadCollectors(area: Area): Promise<CollectorConfig[]> {
  const got = await area.get([LIST, 'collectorUrl', 'token']);
  const list = (Array.isArray(got[LIST]) ? got[LIST] : []).filter(isConfig);
  const legacy = { collectorUrl: got.collectorUrl, token: got.token };
  if (isConfig(legacy) && !list.some((c) => c.collectorUrl === legacy.collectorUrl && c.token === legacy.token))
    list.push(legacy);
  return list.map(({ collectorUrl, token }) => ({ collectorUrl, token }));
}

/**
 * Add a pair (or move it first when it is there), and keep it as the single pair too, which the
 * service worker falls back to.
 */
export async function addCollector(area: Area, config: CollectorConfig): Promise<void> {
  const list = (await loadCollectors(area)).filter(
    (c) => !(c.collectorUrl === config.collectorUrl && c.token === config.token),
  );
  await area.set({ [LIST]: [config, ...list], collectorUrl: config.collectorUrl, token: config.token });
}

/** Forget a pair (and the single pair when it is that one). */
export async function removeCollector(area: Area, config: CollectorConfig): Promise<void> {
  const same = (c: CollectorConfig) => c.collectorUrl === config.collectorUrl && c.token === config.token;
  const list = (await loadCollectors(area)).filter((c) => !same(c));
  const got = await area.get(['collectorUrl', 'token']);
  const single = same(got as CollectorConfig) ? (list[0] ?? { collectorUrl: '', token: '' }) : {};
  await area.set({ [LIST]: list, ...single });
}

/**
 * The pair whose read token sees the site of `tabUrl`: each pair's sites are asked in turn, and a
 * site listing the tab's origin wins over one allowing any origin (`*`). Null when none does;
 * a pair whose collector fails is skipped (its error is returned when no pair matched).
 */
export async function collectorForTab(
  configs: CollectorConfig[],
  tabUrl: string,
  fetchSites: (c: CollectorConfig) => Promise<ReadableSite[]>,
): Promise<{ config: CollectorConfig; sites: ReadableSite[]; site: ReadableSite } | { error: unknown } | null> {
  let wildcard: { config: CollectorConfig; sites: ReadableSite[]; site: ReadableSite } | undefined;
  let error: unknown;
  for (const config of configs) {
    let sites: ReadableSite[];
    try {
      sites = await fetchSites(config);
    } catch (e) {
      error ??= e;
      continue;
    }
    const site = siteForUrl(sites, tabUrl);
    if (!site) continue;
    if (!site.origins.includes('*')) return { config, sites, site };
    wildcard ??= { config, sites, site };
  }
  return wildcard ?? (error === undefined ? null : { error });
}

/** The pair the popup chose for a site, kept so the service worker opens that site's feed with it. */
export async function saveSiteCollector(area: Area, site: string, config: CollectorConfig): Promise<void> {
  await area.set({ [`site:${site}`]: config });
}

/** The pair saved for `site`, or null. */
export async function siteCollector(area: Area, site: string): Promise<CollectorConfig | null> {
  const v = (await area.get([`site:${site}`]))[`site:${site}`];
  return isConfig(v) ? v : null;
}
