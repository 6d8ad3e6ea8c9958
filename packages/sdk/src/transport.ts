import type { Batch, Event } from '@heatlens/schema';
import { FLUSH_HEADER } from '@heatlens/schema/constants';
import { fetchSend, type Send, type SendResult } from './lib/fetch-send.js';
import { onHidden } from './lib/on-hidden.js';
import { pagePath } from './lib/page-path.js';
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
  /** Bytes of events per batch at most (under the 64 KiB keepalive cap with room for the envelope). Default: 60 KiB. */
  maxBytes?: number;
  /** Sends per batch at most, retries included. Default: 6. */
  attempts?: number;
  /** The page's path at the time of an event. Default: `location.pathname`. */
  path?: () => string;
  /** Sends a batch. Default: `fetch` with keepalive; tests pass a fake. */
  send?: Send;
}

/** A bounded queue of events, flushed to the collector in batches. */
export interface Transport {
  /** Queues an event; the page's path is taken now. */
  push(e: Event): void;
  /** Sends everything queued now; `final` also re-sends batches waiting for a retry. */
  flush(final?: boolean): void;
  /** Drops queued events and pending retries (consent withdrawn). */
  clear(): void;
  /** Flushes, then stops timers and listeners. */
  close(): void;
  /** Events dropped because the queue was full. */
  readonly dropped: number;
}

/**
 * Creates the transport: one bounded queue; batches of at most 500 events and `maxBytes`, one
 * path each, with a random id that a retry keeps (the collector counts a batch once); retries
 * on network errors, 408, 429 and 5xx with exponential backoff and jitter (or after
 * `Retry-After`); a flush `flushMs` after the first queued event, or sooner while the collector's
 * `X-Heatlens-Flush` says an owner watches the page; a final flush when the page is hidden.
 * Never throws.
 */
export function createTransport(o: TransportOptions): Transport {
  const { site, maxQueue = 500, maxBytes = 61_440, attempts = 6, send = fetchSend, path = pagePath } = o;
  const url = o.endpoint.replace(/\/$/, '') + '/collect';
  const ctl = new AbortController();
  let q: [string, Event][] = [];
  const retries = new Map<Omit<Batch, 'sent'>, ReturnType<typeof setTimeout>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let interval = o.flushMs || 5000;
  let dropped = 0;

  const post = (b: Omit<Batch, 'sent'>, attempt: number, final?: boolean) => {
    const retry = (after?: number) =>
      ++attempt < attempts &&
      !ctl.signal.aborted &&
      retries.set(b, setTimeout(() => {
        retries.delete(b);
        post(b, attempt);
        // Exponential backoff with jitter (1-2 s, 2-4 s, 4-8 s ... at most 2 min), so visitors
        // cut off by the same outage do not all come back in the same second.
      }, after || Math.min(60_000, 500 * 2 ** attempt) * (1 + Math.random())));
    new Promise<SendResult>((r) => r(send(url, JSON.stringify({ ...b, sent: Date.now() }), !!final))).then((r) => {
      const flush = +r.headers.get(FLUSH_HEADER)!;
      if (flush) interval = Math.min(60_000, Math.max(200, flush));
      // Timeouts, rate limits and server errors may pass later; any other 4xx would fail again.
      if (r.status == 408 || r.status == 429 || r.status >= 500) retry(1000 * +r.headers.get('Retry-After')!);
    }, () => retry());
  };

  const flush = (final?: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    // Hidden: a batch waiting for its retry goes now (the page may never run a timer again),
    // with one more retry left should the page come back.
    if (final) retries.forEach((t, b) => (clearTimeout(t), retries.delete(b), post(b, attempts - 2, final)));
    while (q.length) {
      const p = q[0]![0];
      const events: Event[] = [];
      for (let bytes = 0; q[0]?.[0] == p && events.length < 500; events.push(q.shift()![1])) {
        bytes += new Blob([JSON.stringify(q[0]![1])]).size + 1;
        if (events.length && bytes > maxBytes) break;
      }
      post({ v: 1, id: randomId(), site, sid: sessionId(), path: p, vw: Math.round(innerWidth), events }, 0, final);
    }
  };

  onHidden(() => flush(true), ctl.signal, true);
  return {
    push(e) {
      try {
        if (ctl.signal.aborted) return;
        if (q.push([path(), e]) > maxQueue) q.shift(), dropped++;
        timer ??= setTimeout(flush, interval);
      } catch {
        // a throwing custom `path` drops the event, never the page
      }
    },
    flush,
    clear() {
      q = [];
      retries.forEach(clearTimeout);
      retries.clear();
    },
    close() {
      flush(true);
      ctl.abort();
    },
    get dropped() {
      return dropped;
    },
  };
}
