import { LIVE_PROTOCOL_V2, type AlertList } from '@heatlens/schema';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { ResolvedConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { stuck, type PageGroup, type SiteFeed, type Subscription } from './feeds.js';
import { allSockets, joinPageFeed, joinSiteFeed } from './feed-registry.js';
import { createLiveBounds } from './live-bounds.js';
import { firstFrame, onViewerMessage } from './page-frames.js';
import { createHop } from './live-hop.js';

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

const HEARTBEAT_MS = 30_000;

/**
 * The live feed. Every hop it advances each watched page window once, and only when the change
 * tag moved does it read the snapshot and send each viewer its frame, serialised once per feed and
 * protocol (page-frames.ts: full frames for `heatlens.v1`, deltas for `heatlens.v2`).
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
  const bounds = createLiveBounds(config.liveLimits, tokenLimits);
  let closed = false;

  const { refreshGroup, refreshSite, hop } = createHop({ config, store, log, alerts, groups, siteFeeds, ready });
  const hopTimer = setInterval(() => {
    if (!closed) void hop();
  }, config.hopMs);
  hopTimer.unref();

  // A viewer that does not answer a ping within one interval is gone: end it.
  const heartbeat = setInterval(() => {
    for (const ws of allSockets(groups, siteFeeds)) ping(ws);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  function ping(ws: WebSocket) {
    // Pongs say nothing about reading: a socket stuck behind its backlog goes too (feeds.ts).
    if (alive.get(ws) === false || stuck(ws, Date.now())) return ws.terminate();
    alive.set(ws, false);
    ws.ping();
  }

  /** Join `ws` to its feed; resolves once the feed has a frame to start it with, which `latest` gives. */
  function join(ws: WebSocket, sub: Subscription) {
    if (sub.path !== undefined) {
      const { group, feed, leave } = joinPageFeed(groups, sub, ws, ws.protocol === LIVE_PROTOCOL_V2);
      ws.on('message', (data, isBinary) => onViewerMessage(feed, ws, data, isBinary, ready));
      const first = feed.state && group.changeTag ? Promise.resolve() : refreshGroup(group, true);
      return { first, latest: () => firstFrame(feed, ws), leave };
    }
    const { feed, leave } = joinSiteFeed(siteFeeds, sub, ws);
    ws.on('message', () => {}); // site viewers have nothing to say; maxPayload bounds what they may send
    const first = feed.payload ? Promise.resolve() : refreshSite(feed, true);
    return { first, latest: () => feed.payload, leave };
  }

  return {
    /**
     * Why a socket for `sub` by `token` may not open now (a message for the 429), or undefined
     * when it may. Call it right before the handshake completes: `add` then takes the place.
     */
    refusal: (sub: Subscription, token: string): string | undefined => bounds.refusal(sub, token, groups),
    /**
     * Attach a socket authorised by `token` to its feed; it gets the current snapshot at once (in
     * `heatlens.v2`, the one its deltas continue from, as `ws.protocol` selected).
     */
    add(ws: WebSocket, sub: Subscription, token: string) {
      const release = bounds.book(sub, token);
      alive.set(ws, true);
      grants.set(ws, { token, site: sub.site });
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      metrics.viewers.inc();
      const { first, latest, leave } = join(ws, sub);
      first.then(
        () => {
          ready.add(ws);
          const payload = latest();
          if (payload && ws.readyState === ws.OPEN) ws.send(payload);
        },
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
        leave();
        release();
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
      for (const _ of allSockets(groups, siteFeeds)) n++;
      return n;
    },
    /** Close every viewer with 1001 (going away) and stop the timers. */
    close() {
      closed = true;
      clearInterval(hopTimer);
      clearInterval(heartbeat);
      for (const ws of [...allSockets(groups, siteFeeds)]) ws.close(1001, 'collector shutting down');
    },
  };
}
export type LiveHub = ReturnType<typeof createLiveHub>;
