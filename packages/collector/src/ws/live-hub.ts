import type { AlertList } from '@heatlens/schema';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { ResolvedConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { broadcast, stuck, type PageFeed, type PageGroup, type SiteFeed, type Subscription } from './feeds.js';

export type LiveHubDeps = {
  config: ResolvedConfig;
  store: Store;
  metrics: Metrics;
  log: Logger;
  /** a site's firing and recent alerts, sent with its pages (alerts/engine.ts) */
  alerts?: (site: string) => AlertList | undefined;
  /** a site's own bounds per read token (the sites file's `limits`), else `config.liveLimits`' */
  tokenLimits?: (site: string) => { liveSockets: number; watchedPages: number } | undefined;
};

/** How often the watched mark is renewed, and how long it lasts (several hops of slack). */
const WATCH_EVERY_MS = 1000;
const WATCH_TTL_MS = 3000;
/** The site pages table is heavier (stats of every live page) and refreshes every other hop. */
const SITE_EVERY_MS = 500;
const HEARTBEAT_MS = 30_000;

/**
 * The live feed. Every hop it advances each watched page window once, and only when the change
 * tag moved does it read the snapshot, serialise it once and send that string to every viewer.
 * A page whose old tiles leave the window changes tag too, so a quiet page fades. "Token" in this
 * file is only ever the read token that opened a socket.
 */
export function createLiveHub({ config, store, metrics, log, alerts, tokenLimits }: LiveHubDeps) {
  const groups = new Map<string, PageGroup>();
  const siteFeeds = new Map<string, SiteFeed>();
  const alive = new WeakMap<WebSocket, boolean>();
  // Who opened each socket, so a rotated read token can close what it opened.
  const grants = new Map<WebSocket, { token: string; site: string }>();
  // A socket joins broadcasts once it has had its first frame, so it never gets that one twice.
  const ready = new WeakSet<WebSocket>();
  // Open sockets per read token and per watched page, for the bounds of config.liveLimits.
  const perToken = new Map<string, { sockets: number; pages: Map<string, number> }>();
  let open = 0;
  const lim = config.liveLimits;
  let running = false;
  let closed = false;

  async function refreshGroup(group: PageGroup, force: boolean) {
    const now = config.now();
    if (now - group.watchedAt >= WATCH_EVERY_MS) {
      group.watchedAt = now;
      await store.watch(group.site, group.path, WATCH_TTL_MS, now);
    }
    const changeTag = await store.advance(group.site, group.path, group.window, now);
    if (!force && changeTag === group.changeTag) return;
    group.changeTag = changeTag;
    const q = { site: group.site, path: group.path, window: group.window, now };
    const stats = await store.stats(q);
    await Promise.all(
      [...group.feeds.values()].map(async (feed) => {
        const heatmap = await store.snapshot({ ...q, kind: feed.kind, seg: feed.seg });
        const payload = JSON.stringify({ type: 'snapshot', ...heatmap, stats });
        if (payload !== feed.payload) {
          feed.payload = payload;
          broadcast(feed.sockets, payload, ready);
        }
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
    if (running || closed) return;
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
  const hopTimer = setInterval(hop, config.hopMs);
  hopTimer.unref();

  // A viewer that does not answer a ping within one interval is gone: end it.
  const heartbeat = setInterval(() => {
    for (const g of groups.values()) for (const f of g.feeds.values()) for (const ws of f.sockets) ping(ws);
    for (const f of siteFeeds.values()) for (const ws of f.sockets) ping(ws);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  function ping(ws: WebSocket) {
    // Pongs say nothing about reading: a socket stuck behind its backlog goes too (feeds.ts).
    if (alive.get(ws) === false || stuck(ws, Date.now())) return ws.terminate();
    alive.set(ws, false);
    ws.ping();
  }

  function sendFirst(ws: WebSocket, payload: string | undefined) {
    ready.add(ws);
    if (payload && ws.readyState === ws.OPEN) ws.send(payload);
  }

  /** A page feed's group key; site feeds count under their window. */
  const pageOf = (sub: Subscription) =>
    sub.path !== undefined ? `${sub.site}|${sub.path}|${sub.window}` : `${sub.site}||${sub.window}`;

  return {
    /**
     * Why a socket for `sub` by `token` may not open now (a message for the 429), or undefined
     * when it may. Call it right before the handshake completes: `add` then takes the place.
     */
    refusal(sub: Subscription, token: string): string | undefined {
      const t = perToken.get(token);
      const page = pageOf(sub);
      if (open >= lim.sockets) return `live: this collector has ${lim.sockets} viewers open, retry later`;
      if (sub.path !== undefined && !groups.has(page) && groups.size >= lim.paths)
        return `live: this collector watches ${lim.paths} pages, retry later`;
      const own = tokenLimits?.(sub.site);
      const sockets = own?.liveSockets ?? lim.socketsPerToken;
      const paths = own?.watchedPages ?? lim.pathsPerToken;
      if (t && t.sockets >= sockets) return `live: ${sockets} sockets are open with this token`;
      if (t && !t.pages.has(page) && t.pages.size >= paths) return `live: ${paths} pages are watched with this token`;
      return undefined;
    },
    /** Attach a socket authorised by `token` to its feed; it gets the current snapshot at once. */
    add(ws: WebSocket, sub: Subscription, token: string) {
      const page = pageOf(sub);
      let t = perToken.get(token);
      if (!t) perToken.set(token, (t = { sockets: 0, pages: new Map() }));
      t.sockets++;
      t.pages.set(page, (t.pages.get(page) ?? 0) + 1);
      open++;
      const booked = t;
      alive.set(ws, true);
      grants.set(ws, { token, site: sub.site });
      ws.on('pong', () => alive.set(ws, true));
      ws.on('message', () => {}); // viewers have nothing to say; maxPayload bounds what they may send
      ws.on('error', () => ws.terminate());
      metrics.viewers.inc();
      let remove: () => void;
      let first: Promise<void>;
      let latest: () => string | undefined;
      if (sub.path !== undefined) {
        const gk = `${sub.site}|${sub.path}|${sub.window}`;
        let group = groups.get(gk);
        if (!group)
          groups.set(
            gk,
            (group = { site: sub.site, path: sub.path, window: sub.window, feeds: new Map(), watchedAt: 0 }),
          );
        const fk = `${sub.kind}|${sub.seg}`;
        let feed: PageFeed | undefined = group.feeds.get(fk);
        if (!feed) group.feeds.set(fk, (feed = { kind: sub.kind, seg: sub.seg, sockets: new Set() }));
        feed.sockets.add(ws);
        const g = group;
        const f = feed;
        first = f.payload && g.changeTag ? Promise.resolve() : refreshGroup(g, true);
        latest = () => f.payload;
        remove = () => {
          f.sockets.delete(ws);
          if (!f.sockets.size) g.feeds.delete(fk);
          if (!g.feeds.size) groups.delete(gk);
        };
      } else {
        const sk = `${sub.site}|${sub.window}`;
        let feed = siteFeeds.get(sk);
        if (!feed) siteFeeds.set(sk, (feed = { site: sub.site, window: sub.window, sockets: new Set(), at: 0 }));
        feed.sockets.add(ws);
        const f = feed;
        first = f.payload ? Promise.resolve() : refreshSite(f, true);
        latest = () => f.payload;
        remove = () => {
          f.sockets.delete(ws);
          if (!f.sockets.size) siteFeeds.delete(sk);
        };
      }
      first.then(
        () => sendFirst(ws, latest()),
        (err) => {
          log.warn({ err }, 'live snapshot failed');
          ready.add(ws);
          if (ws.readyState === ws.OPEN)
            ws.send(JSON.stringify({ type: 'error', error: 'store: unavailable, retrying' }));
        },
      );
      ws.once('close', () => {
        grants.delete(ws);
        metrics.viewers.dec();
        remove();
        open--;
        booked.sockets--;
        const left = booked.pages.get(page)! - 1;
        if (left) booked.pages.set(page, left);
        else booked.pages.delete(page);
        if (!booked.sockets) perToken.delete(token);
      });
    },
    /**
     * Close (1008, policy violation) every socket whose token may no longer read its site, after
     * sites were replaced (a rotated token or a removed site). Returns how many were closed.
     */
    revoke(canRead: (token: string, site: string) => boolean): number {
      let n = 0;
      for (const [ws, g] of grants) {
        if (canRead(g.token, g.site)) continue;
        grants.delete(ws);
        ws.close(1008, 'read token revoked');
        // A viewer that ignores the close frame is cut after a second.
        setTimeout(() => ws.terminate(), 1000).unref();
        n++;
      }
      return n;
    },
    /** Sockets open now. */
    viewers() {
      let n = 0;
      for (const g of groups.values()) for (const f of g.feeds.values()) n += f.sockets.size;
      for (const f of siteFeeds.values()) n += f.sockets.size;
      return n;
    },
    /** Close every viewer with 1001 (going away) and stop the timers. */
    close() {
      closed = true;
      clearInterval(hopTimer);
      clearInterval(heartbeat);
      for (const g of groups.values())
        for (const f of g.feeds.values()) for (const ws of f.sockets) ws.close(1001, 'collector shutting down');
      for (const f of siteFeeds.values()) for (const ws of f.sockets) ws.close(1001, 'collector shutting down');
    },
  };
}
export type LiveHub = ReturnType<typeof createLiveHub>;
