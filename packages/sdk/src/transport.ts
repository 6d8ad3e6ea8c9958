import type { Batch, Event } from '@heatlens/schema';
import { FLUSH_HEADER } from '@heatlens/schema/constants';
import { fetchSend, type Send } from './lib/fetch-send.js';
import { randomId } from './lib/random-id.js';
import { sessionId } from './lib/session-id.js';

export type { Send, SendResult } from './lib/fetch-send.js';

/** Options of {@link createTransport}. */
export interface TransportOptions {
  /** The collector's origin (or base URL); batches go to `{endpoint}/collect`. */
  endpoint: string;
  /** Public site id. */
  site: string;
  /** Relaxed flush interval, used until the collector names another in `X-Heatlens-Flush`. Default: 5000 ms. */
  flushMs?: number;
  /** Events kept at most; past it the oldest are dropped and counted. Default: 500. */
  maxQueue?: number;
  /** The path of a page URL (default: the current page). Default: its pathname. */
  path?: (href?: string) => string;
  /** Sends a batch. Default: `fetch` with keepalive; tests pass a fake. */
  send?: Send;
}

/** A bounded queue of events, flushed to the collector in batches. */
export interface Transport {
  /** Queues an event of the page at `href` (default: the current page, now). */
  push(e: Event, href?: string): void;
  /** Sends everything queued now. */
  flush(final?: boolean): void;
  /** Drops queued events (consent withdrawn). */
  clear(): void;
  /** Flushes, then stops listeners and pending retries. */
  close(): void;
  /** Events dropped because the queue was full. */
  readonly dropped: number;
}

/**
 * Creates the transport: one bounded queue; batches of at most 500 events and 60 KiB (under the
 * 64 KiB keepalive cap, with room for the envelope), one
 * path each, with a random id that a retry keeps (the collector counts a batch once); retries
 * on network errors, 408, 429 and 5xx, 5 at most, with exponential backoff and jitter (or after
 * `Retry-After`); the first batch at once, then a flush `flushMs` after the first queued event, or
 * sooner while the collector's
 * `X-Heatlens-Flush` says an owner watches the page; a final flush when the page is hidden.
 * Never throws.
 */
export function createTransport(o: TransportOptions): Transport {
  const { site, maxQueue = 500, send = fetchSend, path = (h) => new URL(h || location.href).pathname } = o;
  const url = o.endpoint.replace(/\/$/, '') + '/collect';
  let q: [string, Event][] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let interval = o.flushMs || 5000;
  let dropped = 0;
  let closed: unknown;
  // The first batch (the page view) goes at once: it counts a bounced visit too, and its answer
  // tells whether an owner watches this page, so a watched page is live from its first second.
  let warm: unknown;

  const post = (b: Omit<Batch, 'sent'>, attempt: number, final?: boolean) => {
    // Exponential backoff with jitter (1-2 s, 2-4 s ... 16-32 s), so visitors cut off by the
    // same outage do not all come back in the same second.
    const retry = (after?: number) =>
      ++attempt < 6 && setTimeout(() => closed || post(b, attempt), after || 500 * 2 ** attempt * (1 + Math.random()));
    // Sent now; a send that throws becomes a rejection.
    (async () => send(url, JSON.stringify({ ...b, sent: Date.now() }), final))().then((r) => {
      // At least 100 ms, whatever the header says: a zero or garbage value must not mean a request per event.
      interval = Math.max(100, +r.headers.get(FLUSH_HEADER)! || interval);
      // Timeouts, rate limits and server errors may pass later; any other 4xx would fail again.
      if (/^(408|429|5)/.test('' + r.status)) retry(1000 * +r.headers.get('Retry-After')!);
    }, () => retry());
  };

  const flush = (final?: boolean) => {
    warm = true;
    timer = void clearTimeout(timer);
    while (q.length) {
      const p = q[0]![0];
      const events: Event[] = [];
      // UTF-8 bytes, bounded from above without allocating: 3 per UTF-16 unit once anything is
      // non-ASCII (a Blob per event would cost an IPC round trip each in Chromium).
      for (
        let bytes = 0, j: string;
        q[0]?.[0] == p && events.length < 500 && ((bytes += (j = JSON.stringify(q[0][1])).length * (/[^\0-\x7f]/.test(j) ? 3 : 1) + 1) <= 61_440 || !events.length);

      )
        events.push(q.shift()![1]);
      post({ v: 1, id: randomId(), site, sid: sessionId(), path: p, vw: innerWidth, events }, 0, final);
    }
  };
  // At the window in the bubble phase: after every tracker's own hidden listener (at the document).
  const hidden = () => document.visibilityState == 'hidden' && flush(true);
  addEventListener('visibilitychange', hidden);

  return {
    push(e, href) {
      if (closed) return;
      if (q.push([path(href), e]) > maxQueue) q.shift(), dropped++;
      timer ??= setTimeout(flush, warm ? interval : 0);
    },
    flush,
    clear() {
      q = [];
    },
    close() {
      flush(true);
      closed = true;
      removeEventListener('visibilitychange', hidden);
    },
    get dropped() {
      return dropped;
    },
  };
}
