import type { Kind, SegmentFilter, WindowName } from '@heatlens/schema';
import type { WebSocket } from 'ws';

/** What one /live socket watches: a page's map (`path` set) or its site's pages. */
export type Subscription =
  | { site: string; path: string; kind: Kind; seg: SegmentFilter; window: WindowName }
  | { site: string; path?: undefined; window: WindowName };

/** Viewers of one (page, kind, segment, window): they all share one serialised snapshot. */
export type PageFeed = { kind: Kind; seg: SegmentFilter; sockets: Set<WebSocket>; payload?: string };

/** Feeds of one page window: advanced once per hop, read only when its change tag moved. */
export type PageGroup = {
  site: string;
  path: string;
  window: WindowName;
  changeTag?: string;
  feeds: Map<string, PageFeed>;
  watchedAt: number;
};

/** Viewers of a site's live pages table. */
export type SiteFeed = { site: string; window: WindowName; sockets: Set<WebSocket>; payload?: string; at: number };

/** Past this much unsent data a viewer is skipped for a hop; past 8x it is dropped as too slow. */
export const MAX_BUFFERED = 1024 * 1024;

/** Send one serialised frame to every open socket of a feed that has had its first frame. */
export function broadcast(sockets: Iterable<WebSocket>, payload: string, ready: WeakSet<WebSocket>) {
  for (const ws of sockets) {
    if (ws.readyState !== ws.OPEN || !ready.has(ws)) continue;
    if (ws.bufferedAmount > 8 * MAX_BUFFERED) ws.terminate();
    else if (ws.bufferedAmount <= MAX_BUFFERED) ws.send(payload);
  }
}
