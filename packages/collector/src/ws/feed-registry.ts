import type { WebSocket } from 'ws';
import { pageOf } from './live-bounds.js';
import type { PageFeed, PageGroup, SiteFeed, Subscription } from './feeds.js';

type PageSub = Extract<Subscription, { path: string }>;

/**
 * Join a socket to its page feed, making the page group and the feed when it is the first viewer.
 * `delta`: the socket speaks `heatlens.v2`. Returns the group, the feed, and `leave`, which takes
 * the socket out and drops the feed and the group once empty.
 */
export function joinPageFeed(groups: Map<string, PageGroup>, sub: PageSub, ws: WebSocket, delta: boolean) {
  const gk = pageOf(sub);
  let group = groups.get(gk);
  if (!group)
    groups.set(gk, (group = { site: sub.site, path: sub.path, window: sub.window, feeds: new Map(), watchedAt: 0 }));
  const fk = `${sub.kind}|${sub.seg}`;
  let feed: PageFeed | undefined = group.feeds.get(fk);
  if (!feed)
    group.feeds.set(fk, (feed = { kind: sub.kind, seg: sub.seg, sockets: new Set(), delta: new Set(), seq: 0 }));
  feed.sockets.add(ws);
  if (delta) feed.delta.add(ws);
  const g = group;
  const f = feed;
  return {
    group: g,
    feed: f,
    leave() {
      f.sockets.delete(ws);
      f.delta.delete(ws);
      if (!f.sockets.size) g.feeds.delete(fk);
      if (!g.feeds.size) groups.delete(gk);
    },
  };
}

/** Join a socket to its site's pages feed (made for the first viewer); `leave` drops it once empty. */
export function joinSiteFeed(siteFeeds: Map<string, SiteFeed>, sub: Subscription, ws: WebSocket) {
  const sk = `${sub.site}|${sub.window}`;
  let feed = siteFeeds.get(sk);
  if (!feed) siteFeeds.set(sk, (feed = { site: sub.site, window: sub.window, sockets: new Set(), at: 0 }));
  feed.sockets.add(ws);
  const f = feed;
  return {
    feed: f,
    leave() {
      f.sockets.delete(ws);
      if (!f.sockets.size) siteFeeds.delete(sk);
    },
  };
}

/** Every socket of every feed. */
export function* allSockets(groups: Map<string, PageGroup>, siteFeeds: Map<string, SiteFeed>): Generator<WebSocket> {
  for (const g of groups.values()) for (const f of g.feeds.values()) yield* f.sockets;
  for (const f of siteFeeds.values()) yield* f.sockets;
}
