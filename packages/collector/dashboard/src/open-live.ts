import type { LiveMessage } from '@heatlens/schema/live';

/** Connection state shown to the owner. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** Options of {@link openLive}. */
export type LiveOptions = {
  /** Query of `/live`: `site`, `window`, and for a page `path`, `kind`, `seg`. */
  query: Record<string, string>;
  token: string;
  onMessage: (msg: LiveMessage) => void;
  onStatus?: (status: LiveStatus) => void;
  /** First reconnect delay in ms, doubled per failure up to `maxDelayMs`. Default 500. */
  minDelayMs?: number;
  /** Longest reconnect delay in ms. Default 10,000. */
  maxDelayMs?: number;
};

/**
 * Subscribe to the collector's live feed. The token rides in a second subprotocol because
 * browsers cannot set headers on a WebSocket. Frames are only typed, not validated: the
 * collector that served this page wrote them with the same schema, and a validator would
 * triple the bundle. Reconnects with capped exponential backoff; `close()` stops for good.
 */
export function openLive(opts: LiveOptions): { close(): void } {
  const { minDelayMs = 500, maxDelayMs = 10_000 } = opts;
  const url = new URL('/live', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  for (const [k, v] of Object.entries(opts.query)) url.searchParams.set(k, v);
  let ws: WebSocket | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = minDelayMs;
  let closed = false;

  const connect = () => {
    opts.onStatus?.(delay === minDelayMs ? 'connecting' : 'reconnecting');
    ws = new WebSocket(url, ['heatlens.v1', `token.${opts.token}`]);
    ws.onopen = () => {
      delay = minDelayMs;
      opts.onStatus?.('live');
    };
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      let msg: LiveMessage;
      try {
        msg = JSON.parse(e.data) as LiveMessage;
      } catch {
        return;
      }
      if (msg && typeof msg.type === 'string') opts.onMessage(msg);
    };
    ws.onclose = () => {
      if (closed) return;
      opts.onStatus?.('reconnecting');
      timer = setTimeout(connect, delay);
      delay = Math.min(delay * 2, maxDelayMs);
    };
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      ws?.close();
    },
  };
}
