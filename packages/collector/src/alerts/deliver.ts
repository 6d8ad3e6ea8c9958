import type { Alert } from '@heatlens/schema';
import type { Logger } from 'pino';
import type { LookupFunction } from 'node:net';
import { BLOCKED_LOOKUP, guardedLookup, postJson } from './pinned-post.js';
import { checkWebhookTarget, privateHost } from './webhook-address.js';

/** Options of {@link createDelivery}. */
export type DeliveryOptions = {
  log: Logger;
  /** each attempt is abandoned after this long; default 5000 ms */
  timeoutMs?: number;
  /** attempts after the first, on a network error, a timeout, 429 or 5xx; default 3 */
  retries?: number;
  /** delay before the first retry, doubled for each next one; default 1000 ms */
  backoffMs?: number;
  /**
   * notices of one site waiting or in flight at most; past it a new one counts as failed at once
   * (the engine offers a firing one again at its next evaluation); default 100
   */
  maxPending?: number;
  /** notices of one site in flight at once; default 2 */
  perSite?: number;
  /** called once per notice given up on (after its last attempt, or dropped) */
  onFailed?: (alert: Alert) => void;
  /** called once per notice the webhook accepted (2xx) */
  onDelivered?: (alert: Alert, attempts: number) => void;
  /**
   * how a webhook's host is resolved (default `dns.lookup`); the answer is checked on the
   * connection that uses it (pinned-post.ts)
   */
  lookup?: LookupFunction;
  /**
   * send with this instead (tests); its host is then checked by a lookup of its own before each
   * attempt, not on its connection. Default unset: node:http(s) with the checked lookup
   */
  fetch?: typeof fetch;
};

/**
 * Webhook delivery: a POST of the alert as JSON per notice, retried with exponential backoff,
 * through a queue per site (`perSite` at once, `maxPending` waiting).
 * `send` returns at once; nothing waits on a webhook but its own retry timer, so a slow or
 * failing receiver never holds up ingest or evaluation. The webhook URL is a secret: logs name
 * the site, rule and status, never the URL or a fetch error's text (which may quote it).
 */
export function createDelivery(options: DeliveryOptions) {
  const { log, timeoutMs = 5000, retries = 3, backoffMs = 1000, maxPending = 100, perSite = 2 } = options;
  const stop = new AbortController();
  const pending = new Set<Promise<boolean>>();
  // One queue per site: a receiver that hangs, fails or is slow holds up only its own site's notices.
  const sites = new Map<string, { running: number; queue: Array<() => void>; size: number }>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      t.unref();
      stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });

  const pinned = guardedLookup(options.lookup);
  const open = options.lookup;

  /** One POST: its status, or 'blocked' when the address is one a webhook may not reach. */
  async function post(url: string, alert: Alert, allowPrivate: boolean): Promise<number | 'blocked'> {
    const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]);
    const body = JSON.stringify(alert);
    const headers = { 'user-agent': 'heatlens-alerts' };
    if (options.fetch) {
      if (!allowPrivate) await checkWebhookTarget(url);
      const res = await options.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal,
        redirect: 'error',
      });
      await res.body?.cancel().catch(() => {});
      return res.status;
    }
    if (!allowPrivate && privateHost(new URL(url).hostname)) return 'blocked';
    try {
      return await postJson(url, body, { lookup: allowPrivate ? open : pinned, signal, headers });
    } catch (e) {
      if ((e as Error).message === BLOCKED_LOOKUP) return 'blocked';
      throw e;
    }
  }

  async function attempt(url: string, alert: Alert, allowPrivate: boolean): Promise<'ok' | 'retry' | 'fail'> {
    try {
      const status = await post(url, alert, allowPrivate);
      if (status === 'blocked') {
        log.warn({ site: alert.site, rule: alert.rule, reason: BLOCKED_LOOKUP }, 'alert webhook refused');
        return 'fail';
      }
      if (status >= 200 && status < 300) return 'ok';
      log.warn({ site: alert.site, rule: alert.rule, state: alert.state, status }, 'alert webhook refused');
      return status === 429 || status >= 500 ? 'retry' : 'fail';
    } catch (e) {
      const err = e as Error & { code?: string; cause?: { code?: string } };
      if (/loopback, link-local or metadata/.test(err.message)) {
        log.warn({ site: alert.site, rule: alert.rule, reason: err.message }, 'alert webhook refused');
        return 'fail';
      }
      log.warn(
        { site: alert.site, rule: alert.rule, state: alert.state, error: err.name, code: err.code ?? err.cause?.code },
        'alert webhook unreachable',
      );
      return 'retry';
    }
  }

  async function run(url: string, alert: Alert, allowPrivate: boolean): Promise<boolean> {
    for (let i = 0; ; i++) {
      const outcome = await attempt(url, alert, allowPrivate);
      if (outcome === 'ok') return (options.onDelivered?.(alert, i + 1), true);
      if (outcome === 'fail' || i >= retries || stop.signal.aborted) return (options.onFailed?.(alert), false);
      await wait(backoffMs * 2 ** i);
      if (stop.signal.aborted) return (options.onFailed?.(alert), false);
    }
  }

  /** Run `job` when one of the site's `perSite` places is free. */
  async function inTurn<T>(site: string, job: () => Promise<T>): Promise<T> {
    let q = sites.get(site);
    if (!q) sites.set(site, (q = { running: 0, queue: [], size: 0 }));
    const s = q;
    s.size++;
    if (s.running >= perSite) await new Promise<void>((r) => s.queue.push(r));
    s.running++;
    try {
      return await job();
    } finally {
      s.running--;
      s.size--;
      const next = s.queue.shift();
      if (next) next();
      else if (s.size === 0) sites.delete(site);
    }
  }

  return {
    /**
     * Queue one notice for `url` in its site's queue; resolves true once delivered, false when given
     * up on (refused, out of retries, or the site's queue full). A webhook on a loopback,
     * link-local or metadata address is refused unless `allowPrivate` (webhook-address.ts).
     */
    send(url: string, alert: Alert, o: { allowPrivate?: boolean } = {}): Promise<boolean> {
      if ((sites.get(alert.site)?.size ?? 0) >= maxPending || stop.signal.aborted) {
        log.warn({ site: alert.site, rule: alert.rule }, 'alert webhook backlog full: notice dropped');
        options.onFailed?.(alert);
        return Promise.resolve(false);
      }
      const p = inTurn(alert.site, () =>
        stop.signal.aborted ? Promise.resolve(false) : run(url, alert, o.allowPrivate ?? false),
      ).finally(() => pending.delete(p));
      pending.add(p);
      return p;
    },
    /** Notices waiting or in flight. */
    pending: () => pending.size,
    /** Abort attempts in flight and pending retries (each counts as failed); resolves when all ended. */
    async close() {
      stop.abort();
      await Promise.all(pending);
    },
  };
}
