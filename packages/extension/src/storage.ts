import browser from 'webextension-polyfill';
import type { OverlayState } from './settings.js';

/** Where the extension finds its collector. */
export type CollectorConfig = {
  /** base URL, e.g. `https://heatlens.example.com` */
  collectorUrl: string;
  /** read token of the sites to show */
  token: string;
};

/**
 * The collector URL and read token, from `storage.local`: only the extension's pages and service
 * worker read it (the content script never does, and the page cannot reach extension storage).
 * Null until the owner saves the options.
 */
export async function loadConfig(): Promise<CollectorConfig | null> {
  const { collectorUrl, token } = (await browser.storage.local.get([
    'collectorUrl',
    'token',
  ])) as Partial<CollectorConfig>;
  return typeof collectorUrl === 'string' && typeof token === 'string' && collectorUrl && token
    ? { collectorUrl, token }
    : null;
}

/** Save the collector URL and read token. */
export async function saveConfig(config: CollectorConfig): Promise<void> {
  await browser.storage.local.set(config);
}

const PREFIX = 'overlay:';

/**
 * Overlaid tabs, from `storage.session` (one key per tab, so concurrent updates never race): the
 * service worker may be stopped at any time, and the overlays it was serving must come back with
 * it. Not persisted across browser restarts.
 */
export async function loadOverlays(): Promise<OverlayState[]> {
  const all = await browser.storage.session.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([, state]) => state as OverlayState);
}

/** One tab's overlay, or null when it is off. */
export async function loadOverlay(tabId: number): Promise<OverlayState | null> {
  const key = `${PREFIX}${tabId}`;
  const got = (await browser.storage.session.get(key)) as Record<string, OverlayState | undefined>;
  return got[key] ?? null;
}

/** Store (or, with `null`, forget) one tab's overlay. */
export async function saveOverlay(tabId: number, state: OverlayState | null): Promise<void> {
  const key = `${PREFIX}${tabId}`;
  if (state) await browser.storage.session.set({ [key]: state });
  else await browser.storage.session.remove(key);
}
