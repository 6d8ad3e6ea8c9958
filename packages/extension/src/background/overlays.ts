import browser from 'webextension-polyfill';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { flatTiles } from '@heatlens/schema/live-delta';
import type { ContentMessage, FeedStatus, PageBroadcast } from '../messages.js';
import type { OverlaySettings, OverlayState } from '../settings.js';
import { siteCollector } from '../collectors.js';
import { loadConfig, loadOverlay, loadOverlays, saveOverlay } from '../storage.js';
import { mixWidths, type MixedSnapshot } from '@heatlens/heat/mix-widths';
import { createLiveFeed, type LiveFeed, type LiveQuery } from './live-feed.js';
import { ownWidthQuery, sameQuery } from './own-width.js';

// The live sockets are the one thing that cannot live in storage: a socket is a process resource.
// Everything needed to reopen them (which tab shows which page, how) is in `storage.session`, so a
// restarted service worker calls `restoreOverlays()` and carries on.
// "All widths" move and click maps have a second socket, `own`, on the viewer's width segment: its
// tiles are the only ones drawn (`ownWidthQuery`, `mixWidths`); `last` is always the map asked for.
type Entry = {
  feed: LiveFeed | null;
  settings: OverlaySettings;
  last: SnapshotMessage | null;
  config: { collectorUrl: string; token: string };
  own: LiveFeed | null;
  ownLast: SnapshotMessage | null;
};
const feeds = new Map<number, Entry>();

/** What the tab draws: the map, or under "All widths" the mix of it and the viewer's width (null until both came). */
function frameOf(entry: Entry): MixedSnapshot | null {
  if (!entry.own || !entry.last) return entry.last;
  return entry.ownLast ? mixWidths(entry.last, entry.ownLast) : null;
}

function drawTab(tabId: number, entry: Entry): Promise<unknown> {
  return toTab(tabId, { type: 'overlay:draw', snapshot: drawable(frameOf(entry)), settings: entry.settings }).catch(
    () => {},
  );
}

/** The tab's width in CSS px (the viewer's width segment under "All widths"); undefined when unknown. */
async function tabWidth(tabId: number): Promise<number | undefined> {
  return browser.tabs.get(tabId).then(
    (t) => t.width,
    () => undefined,
  );
}

/** Open, move or close the entry's own-width socket for `query` (null: none). */
function setOwnFeed(tabId: number, entry: Entry, query: LiveQuery | null): void {
  if (sameQuery(entry.own?.query, query)) return;
  entry.ownLast = null;
  if (!query) {
    entry.own?.close();
    entry.own = null;
  } else if (entry.own) entry.own.update(query);
  else
    entry.own = createLiveFeed({
      ...entry.config,
      query,
      onSnapshot(snapshot) {
        entry.ownLast = snapshot;
        void drawTab(tabId, entry);
      },
    });
}

const queryOf = (s: OverlayState): LiveQuery => ({
  site: s.site,
  path: s.path,
  kind: s.settings.kind,
  window: s.settings.window,
  seg: s.settings.seg,
});

function toTab(tabId: number, message: ContentMessage): Promise<unknown> {
  return browser.tabs.sendMessage(tabId, message);
}

/**
 * What the content script draws: the page tiles as one flat `[tx, ty, n, ...]` array. Chrome's
 * extension messaging serialises messages as JSON (a typed array would arrive as an object keyed
 * by index), so one plain array of numbers is what crosses cheaply, not thousands of small arrays.
 */
/** The frame with its page tiles as one flat run (one array crosses extension messaging, not thousands). */
const drawable = (s: MixedSnapshot | null): MixedSnapshot | null =>
  s ? { ...s, tiles: flatTiles(s.tiles as SnapshotMessage['tiles']) } : null;

function broadcast(tabId: number, status: FeedStatus, snapshot: SnapshotMessage | null): void {
  // The popup shows the page's numbers, never its tiles: they stay here.
  const numbers = snapshot && { ...snapshot, tiles: [], fixed: [] };
  const message: PageBroadcast = { type: 'feed:status', tabId, status, snapshot: numbers };
  // Nobody listens unless the popup is open: that rejection is expected.
  browser.runtime.sendMessage(message).catch(() => {});
}

/** Inject the content script unless an overlay already answers in the tab. */
async function ensureInjected(tabId: number): Promise<void> {
  const mounted = await toTab(tabId, { type: 'overlay:ping' }).catch(() => false);
  if (mounted === true) return;
  // The content script also marks the tab as the owner's while the overlay is on (not counted).
  await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
}

async function openFeed(state: OverlayState): Promise<void> {
  // The pair the popup found for this site, else the single saved one.
  const config = (await siteCollector(browser.storage.local, state.site)) ?? (await loadConfig());
  if (!config) throw new Error('Set the collector URL and read token in the options first.');
  const { tabId } = state;
  const width = await tabWidth(tabId);
  // The feed reports its first status while it is being created: `entry` must exist by then.
  const entry: Entry = {
    settings: state.settings,
    last: null,
    feed: null,
    config: { collectorUrl: config.collectorUrl, token: config.token },
    own: null,
    ownLast: null,
  };
  // A restarted worker may restore a tab while the popup turns it on again: keep one socket.
  closeEntry(feeds.get(tabId));
  feeds.set(tabId, entry);
  setOwnFeed(tabId, entry, ownWidthQuery(queryOf(state), width));
  entry.feed = createLiveFeed({
    ...entry.config,
    query: queryOf(state),
    onSnapshot(snapshot) {
      entry.last = snapshot;
      void drawTab(tabId, entry);
      broadcast(tabId, 'live', snapshot);
    },
    onStatus(status) {
      broadcast(tabId, status, entry.last);
    },
  });
}

/**
 * Turn a tab's overlay on, or apply new settings to it: inject the content script (activeTab +
 * scripting, only now, only here), then (re)subscribe its live feed.
 */
export async function overlayOn(state: OverlayState): Promise<OverlayState> {
  await ensureInjected(state.tabId);
  await saveOverlay(state.tabId, state);
  const entry = feeds.get(state.tabId);
  const feed = entry?.feed;
  if (!entry || !feed) {
    try {
      await openFeed(state);
    } catch (error) {
      await overlayOff(state.tabId); // no feed, no overlay: leave the page as it was
      throw error;
    }
    return state;
  }
  const query = queryOf(state);
  entry.settings = state.settings;
  if (!sameQuery(query, feed.query)) entry.last = null;
  // The viewer's width may have changed segment since (a resized window): its tiles are drawn.
  setOwnFeed(state.tabId, entry, ownWidthQuery(query, await tabWidth(state.tabId)));
  // Redraw at once with the new settings (opacity, counts), or clear until the new map arrives.
  await drawTab(state.tabId, entry);
  feed.update(query);
  return state;
}

function closeEntry(entry: Entry | undefined): void {
  entry?.feed?.close();
  entry?.own?.close();
}

/** Selectors the tab's live click map names now (none unless the overlay shows clicks). */
export function liveSelectors(tabId: number): string[] {
  const last = feeds.get(tabId)?.last;
  return last?.kind === 'click' ? (last.elements ?? []).map((e) => e.sel) : [];
}

/** Turn a tab's overlay off: close its socket, forget it, and unmount the overlay if the tab is still there. */
export async function overlayOff(tabId: number, unmount = true): Promise<void> {
  closeEntry(feeds.get(tabId));
  feeds.delete(tabId);
  await saveOverlay(tabId, null);
  if (unmount) await toTab(tabId, { type: 'overlay:unmount' }).catch(() => {});
}

/** A single-page app changed its path: watch the new page's map. */
export async function overlayNavigated(tabId: number, path: string): Promise<void> {
  const state = await loadOverlay(tabId);
  if (!state || state.path === path) return;
  await overlayOn({ ...state, path });
}

/** The tab loaded a new document: the overlay went with the old one, so mount it again there. */
export async function overlayReloaded(tabId: number, url: string | undefined): Promise<void> {
  const state = await loadOverlay(tabId);
  if (!state) return;
  try {
    const path = url ? new URL(url).pathname : state.path;
    await overlayOn({ ...state, path });
  } catch {
    // No access any more (another origin, or activeTab expired): the overlay ends here.
    await overlayOff(tabId, false);
  }
}

/** Reopen the feeds of overlaid tabs after the service worker restarted. */
export async function restoreOverlays(): Promise<void> {
  for (const state of await loadOverlays()) {
    if (feeds.has(state.tabId)) continue;
    const alive = await browser.tabs.get(state.tabId).then(
      () => true,
      () => false,
    );
    if (alive) await openFeed(state).catch(() => overlayOff(state.tabId, false));
    else await saveOverlay(state.tabId, null);
  }
}
