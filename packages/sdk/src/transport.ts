import type { Batch, Event } from '@heatlens/schema';
import { FLUSH_HEADER, OWNER_MARK } from '@heatlens/schema/constants';
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
  /**
   * Events kept at most, while offline too (sent when the browser is back `online`); past it the
   * oldest are dropped and counted in `dropped`. Default: 500.
   */
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
  /**
   * Events dropped: the queue was full (offline too), or moves left behind at page hide to stay
   * under the keepalive quota.
   */
  readonly dropped: number;
}

/**
 * UTF-8 bytes of `s`, bounded from above without allocating: 3 per UTF-16 unit once anything is
 * non-ASCII (a Blob per event would cost an IPC round trip each in Chromium).
 */
const size = (s: string) => s.length * (/[^\0-\x7f]/.test(s) ? 3 : 1);

/**
 * Creates the transport: one bounded queue; batches of at most 500 events and 60 KiB (under the
 * 64 KiB keepalive cap, with room for the envelope), one
 * path each, with a random id that a retry keeps (the collector counts a batch once); retries
 * on network errors, 408, 429 and 5xx, 5 at most, with exponential backoff and jitter (or after
 * `Retry-After`); the first batch at once, then a flush `flushMs` after the first queued event, or
 * sooner while the collector's
 * `X-Heatlens-Flush` says an owner watches the page; a final flush when the page is hidden. At
 * that flush every queued batch (all paths) shares one budget with the requests still in flight,
 * under the browser's 64 KiB in-flight keepalive quota (past it `fetch` fails, and a closed tab
 * runs no retry): page views, clicks, forms and the rest go first, moves last, and what does not
 * fit is dropped (moves first) and counted in the next batch's `dropped`. While the browser is
 * offline nothing is sent: events wait in the queue (bounded by `maxQueue`, the oldest dropped and
 * counted), a batch already out waits for its retry, and all go when the browser is back `online`. A send the
 * page's Content-Security-Policy refuses (a `securitypolicyviolation` for the collector's URL)
 * stops the transport at once, with one console warning naming the directive. Nothing is sent from a
 * page marked as the owner's own (`OWNER_MARK` on `<html>`, set by the extension). Never throws.
 */
export function createTransport(o: TransportOptions): Transport {
  const { site, maxQueue = 500, send = fetchSend, path = (h) => new URL(h || location.href).pathname } = o;
  const url = o.endpoint.replace(/\/$/, '') + '/collect';
  let q: [string, Event][] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let interval = o.flushMs || 5000;
  let dropped = 0;
  // Dropped as of the last batch that went out (the next reports the difference), and bytes of
  // requests in flight.
  let reported = 0;
  let inflight = 0;
  let closed: unknown;
  // The first batch (the page view) goes at once: it counts a bounced visit too, and its answer
  // tells whether an owner watches this page, so a watched page is live from its first second.
  let warm: unknown;
  let warned: unknown;

  // Listeners, removed together at close.
  const ac = new AbortController();
  const on = <E extends globalThis.Event>(type: string, f: (e: E) => unknown, once?: boolean) =>
    addEventListener(type, f as EventListener, { signal: ac.signal, once });

  const post = (b: Omit<Batch, 'sent'>, attempt: number, final?: boolean) => {
    // Exponential backoff with jitter (1-2 s, 2-4 s ... 16-32 s), so visitors cut off by the
    // same outage do not all come back in the same second. Offline, the batch waits for `online`
    // instead (with its id: it is counted once), however long that takes.
    const retry = (after?: number) =>
      navigator.onLine
        ? ++attempt < 6 &&
          setTimeout(() => closed || post(b, attempt), after || 500 * 2 ** attempt * (1 + Math.random()))
        : on('online', () => post(b, attempt), true);
    const body = JSON.stringify({ ...b, sent: Date.now() });
    const n = size(body);
    inflight += n;
    // Sent now; a send that throws becomes a rejection.
    (async () => send(url, body, final))().then(
      (r) => {
        inflight -= n;
        // At least 100 ms, whatever the header says: a zero or garbage value must not mean a request per event.
        interval = Math.max(100, +r.headers.get(FLUSH_HEADER)! || interval);
        // Timeouts, rate limits and server errors may pass later; any other 4xx would fail again.
        if (/^(408|429|5)/.test('' + r.status)) retry(1000 * +r.headers.get('Retry-After')!);
        // Once per page, the reason in the collector's words (a 403's origin or site, a 400's field),
        // so an owner opening the console sees what to fix, not only "403 (Forbidden)".
        else if (r.status > 399 && !warned) {
          warned = 1;
          (async () => ((await r.json!()) as { error?: string }).error)().then(
            (e) => console.warn('heatlens: ' + r.status + ' ' + e),
            () => console.warn('heatlens: ' + r.status),
          );
        }
      },
      () => retry(void (inflight -= n)),
    );
  };

  const flush = (final?: boolean) => {
    warm = true;
    timer = void clearTimeout(timer);
    // Offline: nothing could go; the queue waits for `online` (bounded, see `push`).
    if (!navigator.onLine) return;
    // The owner's own browsing is never counted.
    if (document.documentElement.hasAttribute(OWNER_MARK)) q = [];
    // One budget for everything in flight at page hide; moves last, so they are what is dropped.
    let budget = final ? 61_440 - inflight : Infinity;
    if (final) q = [...q.filter((x) => x[1].type != 'move'), ...q.filter((x) => x[1].type == 'move')];
    while (q.length) {
      const p = q[0]![0];
      const events: Event[] = [];
      // The envelope, then each event and its comma.
      let bytes = 200 + size(p + site);
      for (
        let n;
        q[0]?.[0] == p &&
        events.length < 500 &&
        bytes + (n = size(JSON.stringify(q[0][1])) + 1) <= Math.min(budget, 61_440);
        bytes += n
      )
        events.push(q.shift()![1]);
      // Nothing fits: the final budget is spent. Drop the rest (moves first, by the order above).
      if (!events.length) {
        dropped += q.length;
        q = [];
        break;
      }
      budget -= bytes;
      post(
        {
          v: 1,
          id: randomId(),
          site,
          sid: sessionId(),
          path: p,
          vw: innerWidth,
          dropped: dropped - reported || undefined,
          events,
        },
        0,
        final,
      );
      reported = dropped;
    }
  };
  // At the window in the bubble phase: after every tracker's own hidden listener (at the document).
  // At the window in the bubble phase: after every tracker's own hidden listener (at the document).
  on('visibilitychange', () => document.visibilityState == 'hidden' && flush(true));
  on('online', () => flush());
  // The page's Content-Security-Policy refuses the collector for good (`connect-src`): every retry
  // would fail again, each a console error and a violation report. Stop at the first, say why once.
  on<SecurityPolicyViolationEvent>(
    'securitypolicyviolation',
    // 'enforce' (< 'f'), not 'report': a report-only policy lets the request go.
    (e) =>
      e.disposition < 'f' &&
      url.startsWith(e.blockedURI || '-') &&
      (ac.abort(), (closed = q = []), console.warn('heatlens: blocked by CSP', e.effectiveDirective)),
  );

  return {
    push(e, href) {
      if (closed) return;
      if (q.push([path(href), e]) > maxQueue) {
        q.shift();
        dropped++;
      }
      timer ??= setTimeout(flush, warm ? interval : 0);
    },
    flush,
    clear() {
      q = [];
    },
    close() {
      flush(true);
      closed = true;
      ac.abort();
    },
    get dropped() {
      return dropped;
    },
  };
}
