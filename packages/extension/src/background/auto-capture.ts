import browser from 'webextension-polyfill';
import { segmentOf } from '@heatlens/schema/tiles';
import type { Segment } from '@heatlens/schema/constants';
import type { OverlayState } from '../settings.js';
import { loadConfig } from '../storage.js';
import type { CaptureInfo } from '@heatlens/schema/capture';
import { listCaptures } from './capture-api.js';
import { takeCapture } from './capture.js';

/** A capture older than this is taken again when the overlay is shown, ms (7 days). */
export const CAPTURE_MAX_AGE_MS = 7 * 24 * 60 * 60_000;

/** A page not captured automatically again within this, ms: one try per showing, not per setting change. */
const RETRY_AFTER_MS = 30 * 60_000;

/** How long after the overlay is shown an automatic capture starts, ms (the page and overlay settle). */
const DELAY_MS = 1_500;

/** The option "take a capture when the overlay is shown", `autoCapture` in `storage.local`; default on. */
export async function autoCaptureOn(): Promise<boolean> {
  const { autoCapture } = (await browser.storage.local.get('autoCapture')) as { autoCapture?: unknown };
  return autoCapture !== false;
}

/**
 * Whether a page needs a capture for width segment `seg`: none stored for it, or the newest is
 * older than `CAPTURE_MAX_AGE_MS` at `now` (ms since epoch).
 */
export function needsCapture(
  captures: readonly Pick<CaptureInfo, 'seg' | 'takenAt'>[],
  seg: Segment,
  now: number,
): boolean {
  const newest = Math.max(-Infinity, ...captures.filter((c) => c.seg === seg).map((c) => c.takenAt));
  return !(now - newest < CAPTURE_MAX_AGE_MS);
}

/** Tabs with an automatic capture asked for and not yet over: one at a time per tab. */
const pending = new Set<number>();

/**
 * The overlay was shown on a page: with the option on, take a capture when the page has none for
 * the tab's width segment or only an old one. Quiet: a failure (no capture route, the tab left)
 * only means no capture this time; tried once per page and segment every `RETRY_AFTER_MS`. Shown
 * again while one is being decided or taken for the tab (two shows in quick succession, a setting
 * changed at once), nothing more is asked: the checks below await storage, so without this both
 * would pass them before either marked the page as tried.
 */
export async function maybeAutoCapture(state: OverlayState, live: () => readonly string[]): Promise<void> {
  if (pending.has(state.tabId)) return;
  pending.add(state.tabId);
  try {
    await autoCapture(state, live);
  } finally {
    pending.delete(state.tabId);
  }
}

async function autoCapture(state: OverlayState, live: () => readonly string[]): Promise<void> {
  if (!(await autoCaptureOn())) return;
  const config = await loadConfig();
  const tab = await browser.tabs.get(state.tabId);
  if (!config || !tab.width) return;
  const seg = segmentOf(tab.width);
  const key = `captureTried:${state.site}|${state.path}|${seg}`;
  const tried = ((await browser.storage.session.get(key)) as Record<string, number | undefined>)[key];
  if (tried !== undefined && Date.now() - tried < RETRY_AFTER_MS) return;
  await browser.storage.session.set({ [key]: Date.now() });
  if (!needsCapture(await listCaptures(config, state.site, state.path), seg, Date.now())) return;
  await new Promise((resolve) => setTimeout(resolve, DELAY_MS));
  // Still the same page, still in front: the owner may have moved on meanwhile.
  const now = await browser.tabs.get(state.tabId);
  if (!now.active || !now.url || new URL(now.url).pathname !== new URL(tab.url ?? now.url).pathname) return;
  await takeCapture({ tabId: state.tabId, site: state.site, path: state.path, live: live() });
}
