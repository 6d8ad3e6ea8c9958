import type { Alert } from '@heatlens/schema';
import type { Logger } from 'pino';

/** Options of {@link createDelivery}. */
export type DeliveryOptions = {
  log: Logger;
  /** each attempt is abandoned after this long; default 5000 ms */
  timeoutMs?: number;
  /** attempts after the first, on a network error, a timeout, 429 or 5xx; default 3 */
  retries?: number;
  /** delay before the first retry, doubled for each next one; default 1000 ms */
  backoffMs?: number;
  /** notices waiting or in flight at most; past it a new one counts as failed at once; default 1000 */
  maxPending?: number;
  /** called once per notice given up on (after its last attempt, or dropped) */
  onFailed?: (alert: Alert) => void;
  /** called once per notice the webhook accepted (2xx) */
  onDelivered?: (alert: Alert, attempts: number) => void;
  /** default globalThis.fetch */
  fetch?: typeof fetch;
};

/**
 * Webhook delivery: a POST of the alert as JSON per notice, retried with exponential backoff.
 * `send` returns at once; nothing waits on a webhook but its own retry timer, so a slow or
 * failing receiver never holds up ingest or evaluation. The webhook URL is a secret: logs name
 * the site, rule and status, never the URL or a fetch error's text (which may quote it).
 */
export function createDelivery(options: DeliveryOptions) {
  const { log, timeoutMs = 5000, retries = 3, backoffMs = 1000, maxPending = 1000 } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const stop = new AbortController();
  const pending = new Set<Promise<void>>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      t.unref();
      stop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });

  async function attempt(url: string, alert: Alert): Promise<'ok' | 'retry' | 'fail'> {
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'heatlens-alerts' },
        body: JSON.stringify(alert),
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]),
        redirect: 'error',
      });
      await res.body?.cancel().catch(() => {});
      if (res.ok) return 'ok';
      log.warn({ site: alert.site, rule: alert.rule, state: alert.state, status: res.status }, 'alert webhook refused');
      return res.status === 429 || res.status >= 500 ? 'retry' : 'fail';
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      log.warn(
        { site: alert.site, rule: alert.rule, state: alert.state, error: err.name, code: err.cause?.code },
        'alert webhook unreachable',
      );
      return 'retry';
    }
  }

  async function run(url: string, alert: Alert) {
    for (let i = 0; ; i++) {
      const outcome = await attempt(url, alert);
      if (outcome === 'ok') return options.onDelivered?.(alert, i + 1);
      if (outcome === 'fail' || i >= retries || stop.signal.aborted) return options.onFailed?.(alert);
      await wait(backoffMs * 2 ** i);
      if (stop.signal.aborted) return options.onFailed?.(alert);
    }
  }

  return {
    /** Queue one notice for `url`; resolves when it was delivered or given up on. */
    send(url: string, alert: Alert): Promise<void> {
      if (pending.size >= maxPending) {
        log.warn({ site: alert.site, rule: alert.rule }, 'alert webhook backlog full: notice dropped');
        options.onFailed?.(alert);
        return Promise.resolve();
      }
      const p = run(url, alert).finally(() => pending.delete(p));
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
export type Delivery = ReturnType<typeof createDelivery>;
