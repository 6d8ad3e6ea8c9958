import ReconnectingWebSocket from 'partysocket/ws';
import { LIVE_PROTOCOL, TOKEN_PROTOCOL_PREFIX, type Kind, type SegmentFilter } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { parseLiveMessage } from '@heatlens/schema/parse-live';
import type { FeedStatus } from '../messages.js';

/** What one `/live` socket watches. */
export type LiveQuery = { site: string; path: string; kind: Kind; window: string; seg: SegmentFilter };

/** `ws(s)://collector/live?site=...&path=...&kind=...&window=...&seg=...` for a collector base URL. */
export function liveUrl(collectorUrl: string, q: LiveQuery): string {
  const url = new URL('/live', collectorUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
  return url.href;
}

/** Options of `createLiveFeed`. */
export type LiveFeedOptions = {
  collectorUrl: string;
  /** read token, offered as the `token.<token>` subprotocol (browsers cannot set headers on sockets) */
  token: string;
  query: LiveQuery;
  onSnapshot: (snapshot: SnapshotMessage) => void;
  onStatus?: (status: FeedStatus, detail?: string) => void;
  /** WebSocket constructor; default the global one (tests pass a fake) */
  WebSocket?: typeof globalThis.WebSocket;
  /** first reconnection delay, ms; default 250 */
  minDelayMs?: number;
  /** longest reconnection delay, ms; default 10000 */
  maxDelayMs?: number;
  /** delay growth per failed attempt; default 2 */
  growFactor?: number;
  /** interval of a tiny keep-alive message on an open socket, ms; default 20000 (0: none) */
  keepAliveMs?: number;
};

/** A tab's live feed: one `/live` socket that reconnects with backoff. */
export type LiveFeed = {
  /** watch another page or kind: reconnects at once when the query changed */
  update(query: LiveQuery): void;
  /** the query in force */
  readonly query: LiveQuery;
  close(): void;
};

/**
 * Open a `/live` WebSocket for one overlaid tab, authenticated by the read token, parsing every
 * frame with the schema's `parseLiveMessage` (interpreted: no eval under the MV3 CSP). Reconnects
 * with exponential backoff (partysocket's ReconnectingWebSocket); a frame that fails to parse is
 * dropped, never drawn.
 */
export function createLiveFeed(opts: LiveFeedOptions): LiveFeed {
  let query = opts.query;
  let closed = false;
  const socket = new ReconnectingWebSocket(
    () => liveUrl(opts.collectorUrl, query),
    [LIVE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${opts.token}`],
    {
      WebSocket: opts.WebSocket,
      minReconnectionDelay: opts.minDelayMs ?? 250,
      maxReconnectionDelay: opts.maxDelayMs ?? 10_000,
      reconnectionDelayGrowFactor: opts.growFactor ?? 2,
      // A connection counts as healthy (and resets the backoff) once it has lasted this long.
      minUptime: 2_000,
      connectionTimeout: 4_000,
    },
  );
  opts.onStatus?.('connecting');
  socket.addEventListener('open', () => opts.onStatus?.('live'));
  socket.addEventListener('close', () => {
    if (!closed) opts.onStatus?.('reconnecting');
  });
  socket.addEventListener('message', (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    const parsed = parseLiveMessage(event.data);
    if (!parsed.ok) {
      opts.onStatus?.('error', parsed.error);
      return;
    }
    const message = parsed.value;
    if (message.type === 'snapshot') opts.onSnapshot(message);
    else if (message.type === 'error') opts.onStatus?.('error', message.error);
  });
  // Chrome stops an idle service worker after 30 s, and a quiet page gets no frames (the collector
  // pushes only changes). WebSocket traffic resets the idle timer (Chrome 116+), so say something
  // small every 20 s; the collector ignores what viewers send.
  // https://developer.chrome.com/docs/extensions/how-to/web-platform/websockets
  const keepAliveMs = opts.keepAliveMs ?? 20_000;
  const keepAlive =
    keepAliveMs > 0
      ? setInterval(() => {
          if (socket.readyState === ReconnectingWebSocket.OPEN) socket.send('ping');
        }, keepAliveMs)
      : undefined;
  return {
    get query() {
      return query;
    },
    update(next) {
      const changed = (Object.keys(next) as Array<keyof LiveQuery>).some((k) => next[k] !== query[k]);
      query = next;
      if (changed && !closed) socket.reconnect();
    },
    close() {
      closed = true;
      clearInterval(keepAlive);
      socket.close();
    },
  };
}
