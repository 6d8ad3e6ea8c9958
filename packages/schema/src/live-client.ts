import ReconnectingWebSocket from 'partysocket/ws';
import { liveDeltaProtocols, liveProtocols } from './constants.js';
import { applyDelta, DeltaError } from './live-delta.js';
import { RESYNC_MESSAGE, type DeltaMessage, type LiveMessage, type SnapshotMessage } from './live.js';

// The one `/live` client, for the extension's background and the collector's dashboard. It does
// not import the frame validator: each caller passes its own `parse` (the extension validates with
// `parseLiveMessage`; the dashboard, served by the collector that writes its frames, only types them).

/** State of a live feed: `error` when a frame was refused (the socket stays open). */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'error';

/** Query of `/live`: `site`, `window`, and for one page `path`, `kind`, `seg`. */
export type LiveQueryParams = Readonly<Record<string, string>>;

/** A frame's text -> the frame, or why it was refused. */
export type LiveParse = (text: string) => { ok: true; value: LiveMessage } | { ok: false; error: string };

/**
 * A `LiveParse` that only types frames: JSON with a string `type`. For a page served by the
 * collector that writes its frames (the dashboard), where a validator would triple the bundle;
 * anything else validates with `parseLiveMessage`.
 */
export const typeFrame: LiveParse = (text) => {
  try {
    const msg = JSON.parse(text) as LiveMessage | null;
    if (msg && typeof msg.type === 'string') return { ok: true, value: msg };
  } catch {
    // not JSON
  }
  return { ok: false, error: 'frame: not a live frame' };
};

/** `ws(s)://<base host>/live?<query>` for a collector (or dashboard page) URL. */
export function liveUrl(base: string, query: LiveQueryParams): string {
  const url = new URL('/live', base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.href;
}

/** Options of `openLive`. */
export type LiveOptions<Q extends LiveQueryParams> = {
  /** collector URL the socket's `/live` is resolved against (`http(s)`: the scheme becomes `ws(s)`) */
  base: string;
  /** read token, offered as the `token.<token>` subprotocol */
  token: string;
  query: Q;
  /** parses each text frame; a refused frame is dropped and reported as status `error` */
  parse: LiveParse;
  /**
   * every parsed frame, `error` frames included; with `deltas`, each `delta` is applied first and
   * delivered as the full `snapshot` it makes (a `delta` never reaches here)
   */
  onMessage: (message: LiveMessage) => void;
  /**
   * ask for `heatlens.v2` (page feeds in deltas: less to send and parse per hop on a long page),
   * keep the state, and resync on a gap; a collector without it answers in full frames; default false
   */
  deltas?: boolean;
  onStatus?: (status: LiveStatus, detail?: string) => void;
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

/** An open live feed. */
export type LiveClient<Q extends LiveQueryParams> = {
  /** watch another query: reconnects at once when it changed */
  update(query: Q): void;
  /** the query in force */
  readonly query: Q;
  /** stop for good */
  close(): void;
};

/**
 * Open a `/live` WebSocket authenticated by a read token. Reconnects with exponential backoff
 * (partysocket's ReconnectingWebSocket); a frame that fails `parse` is dropped, never delivered.
 */
export function openLive<Q extends LiveQueryParams>(opts: LiveOptions<Q>): LiveClient<Q> {
  let query = opts.query;
  let closed = false;
  const protocols = opts.deltas ? liveDeltaProtocols(opts.token) : liveProtocols(opts.token);
  const socket = new ReconnectingWebSocket(() => liveUrl(opts.base, query), protocols, {
    WebSocket: opts.WebSocket,
    minReconnectionDelay: opts.minDelayMs ?? 250,
    maxReconnectionDelay: opts.maxDelayMs ?? 10_000,
    reconnectionDelayGrowFactor: opts.growFactor ?? 2,
    // A connection counts as healthy (and resets the backoff) once it has lasted this long.
    minUptime: 2_000,
    connectionTimeout: 4_000,
  });
  opts.onStatus?.('connecting');
  socket.addEventListener('open', () => opts.onStatus?.('live'));
  socket.addEventListener('close', () => {
    if (!closed) opts.onStatus?.('reconnecting');
  });
  const follow = deltaFollower((text) => socket.send(text));
  socket.addEventListener('open', () => follow.reset());
  socket.addEventListener('message', (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    const parsed = opts.parse(event.data);
    if (!parsed.ok) return opts.onStatus?.('error', parsed.error);
    const message = parsed.value.type === 'delta' ? follow.delta(parsed.value) : follow.seen(parsed.value);
    if (message) opts.onMessage(message);
  });
  // Chrome stops an idle extension service worker after 30 s, and a quiet page gets no frames (the
  // collector pushes only changes); proxies close idle sockets too. WebSocket traffic resets the
  // worker's idle timer (Chrome 116+), so say something small every 20 s; the collector ignores
  // what viewers send. https://developer.chrome.com/docs/extensions/how-to/web-platform/websockets
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
      const changed = Object.keys({ ...query, ...next }).some((k) => next[k] !== query[k]);
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

/** A resync unanswered this long is asked again (the collector skips one while the viewer is behind). */
const RESYNC_AGAIN_MS = 2000;

/**
 * A `heatlens.v2` viewer's state: `seen` keeps each full frame, `delta` applies a delta to it and
 * answers the full frame it makes, or null (and sends `resync`) on a gap or a malformed delta, then
 * drops deltas until the next full frame. `reset` forgets the state (a new connection starts over).
 */
export function deltaFollower(send: (text: string) => void, now: () => number = Date.now) {
  let state: SnapshotMessage | null = null;
  let askedAt: number | null = null;
  const resync = () => {
    state = null;
    if (askedAt !== null && now() - askedAt < RESYNC_AGAIN_MS) return;
    askedAt = now();
    send(RESYNC_MESSAGE);
  };
  return {
    seen(message: LiveMessage): LiveMessage {
      if (message.type === 'snapshot') {
        state = message;
        askedAt = null;
      }
      return message;
    },
    delta(delta: DeltaMessage): SnapshotMessage | null {
      if (!state || state.seq === undefined || delta.seq !== state.seq + 1) return (resync(), null);
      try {
        state = applyDelta(state, delta);
        return state;
      } catch (e) {
        if (!(e instanceof DeltaError)) throw e;
        return (resync(), null);
      }
    },
    reset() {
      state = null;
      askedAt = null;
    },
  };
}
