import type { AlertList } from '@heatlens/schema';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { ResolvedConfig } from '../config.js';
import type { Store } from '../store/types.js';
import { broadcast, type PageGroup, type SiteFeed } from './feeds.js';
import { readFeedWindow } from './feed-window.js';
import { publish } from './page-frames.js';

/** How often the watched mark is renewed, and how long it lasts (several hops of slack). */
const WATCH_EVERY_MS = 1000;
const WATCH_TTL_MS = 3000;
/** The site pages table is heavier (stats of every live page) and refreshes every other hop. */
const SITE_EVERY_MS = 500;

/** What a hop reads from and sends to: the hub's feeds and the sockets that had their first frame. */
export type HopDeps = {
  config: ResolvedConfig;
  store: Store;
  log: Logger;
  alerts?: ((site: string) => AlertList | undefined) | undefined;
  groups: Map<string, PageGroup>;
  siteFeeds: Map<string, SiteFeed>;
  ready: WeakSet<WebSocket>;
};

/**
 * The hop of the live hub: `refreshGroup` advances a page window once and, when its change tag
 * moved (or `force`), reads what changed in each feed's window (feed-window.ts: whole only on the
 * first read or when the store says so) and publishes it (page-frames.ts); `refreshSite`
 * sends a site's pages table when it changed; `hop` does both for every feed, one hop at a time.
 */
export function createHop({ config, store, log, alerts, groups, siteFeeds, ready }: HopDeps) {
  let running = false;
  async function refreshGroup(group: PageGroup, force: boolean) {
    const now = config.now();
    if (now - group.watchedAt >= WATCH_EVERY_MS) {
      group.watchedAt = now;
      await store.watch(group.site, group.path, WATCH_TTL_MS, now);
    }
    const changeTag = await store.advance(group.site, group.path, group.window, now);
    if (!force && changeTag === group.changeTag) return;
    group.changeTag = changeTag;
    const q = { site: group.site, page: group.path, window: group.window, now };
    const stats = await store.stats(q);
    await Promise.all(
      [...group.feeds.values()].map(async (feed) => {
        const heatmap = await readFeedWindow(store, feed, { ...q, kind: feed.kind, seg: feed.seg }, config.grid);
        publish(feed, { ...heatmap, stats }, ready);
      }),
    );
  }

  async function refreshSite(feed: SiteFeed, force: boolean) {
    const now = config.now();
    if (!force && now - feed.at < SITE_EVERY_MS) return;
    feed.at = now;
    const pages = await store.pages({ site: feed.site, window: feed.window, now, limit: 50 });
    const payload = JSON.stringify({ type: 'pages', ...pages, alerts: alerts?.(feed.site) });
    if (payload !== feed.payload) {
      feed.payload = payload;
      broadcast(feed.sockets, payload, ready);
    }
  }

  async function hop() {
    if (running) return;
    running = true;
    try {
      await Promise.all([
        ...[...groups.values()].map((g) =>
          refreshGroup(g, false).catch((err) => log.warn({ err }, 'live refresh failed')),
        ),
        ...[...siteFeeds.values()].map((f) =>
          refreshSite(f, false).catch((err) => log.warn({ err }, 'live pages refresh failed')),
        ),
      ]);
    } finally {
      running = false;
    }
  }
  return { refreshGroup, refreshSite, hop };
}
