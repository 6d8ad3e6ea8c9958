import type { Alert, AlertList } from '@heatlens/schema';
import type { Logger } from 'pino';
import type { SiteConfig } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/types.js';
import { createDelivery } from './deliver.js';
import { evaluateRules, type Check } from './evaluate.js';
import { pageFigures } from './figures.js';
import { buildNotice } from './notice.js';
import { MORE_ELEMENT, capChecks } from './cap-checks.js';
import { createRedelivery } from './redeliver.js';
import { resolveRules } from './rules.js';
import type { AlertOptions } from './options.js';

export type { AlertOptions };

export const ALERT_DEFAULTS: Required<Omit<AlertOptions, 'publicUrl' | 'fetch'>> = {
  evalMs: 2000,
  timeoutMs: 5000,
  retries: 3,
  backoffMs: 1000,
  keep: 50,
  maxPages: 200,
  maxFiringPerRule: 20,
  redeliverMs: 60_000,
};

export type AlertEngineDeps = {
  sites: () => SiteConfig[];
  store: Store;
  now: () => number;
  log: Logger;
  metrics: Metrics;
  /** the collector's own URL, read when a notice is built (the port is known only after listen) */
  baseUrl: () => string;
  options?: AlertOptions;
};

const parse = (s: string): Alert | undefined => {
  try {
    return JSON.parse(s) as Alert;
  } catch {
    return undefined;
  }
};

/**
 * Alert evaluation: every `evalMs`, for each site with `alerts`, read its pages' live and hourly
 * counters (store.alertFigures: reads only, no write per batch), apply the rules, and open or
 * close alerts in the shared store state. Only the collector whose open or close took effect
 * sends the notice, so a fleet on one Redis sends each once.
 */
export function createAlertEngine(deps: AlertEngineDeps) {
  const given = Object.fromEntries(
    Object.entries(deps.options ?? {}).filter(([, v]) => v !== undefined),
  ) as AlertOptions;
  const o: AlertOptions & typeof ALERT_DEFAULTS = { ...ALERT_DEFAULTS, ...given };
  const { store, log, metrics } = deps;
  const latest = new Map<string, AlertList>();
  const delivery = createDelivery({
    log,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    backoffMs: o.backoffMs,
    fetch: o.fetch,
    onFailed: (a) => metrics.alertDeliveries.inc({ outcome: 'failed', rule: a.rule }),
    onDelivered: (a) => metrics.alertDeliveries.inc({ outcome: 'delivered', rule: a.rule }),
  });
  const baseUrl = () => o.publicUrl ?? deps.baseUrl();
  // Firing notices whose delivery gave up, offered again at each evaluation (redeliver.ts).
  const redelivery = createRedelivery(delivery, o.redeliverMs);
  const deliver = redelivery.deliver;

  async function evaluateSite(site: SiteConfig) {
    if (!site.alerts) return void latest.delete(site.id);
    const rules = resolveRules(site.alerts);
    const now = deps.now();
    const [counters, state] = await Promise.all([
      store.alertFigures({ site: site.id, now, limit: o.maxPages }),
      store.alerts.list(site.id),
    ]);
    const firing = new Map<string, Alert>();
    for (const s of state.firing) {
      const a = parse(s);
      if (a) firing.set(a.id, a);
    }
    const held = new Map(
      [...firing.values()].filter((a) => a.rule === 'quiet').map((a) => [a.id, a.figures.usual ?? 0]),
    );
    const checks = capChecks(
      new Map(evaluateRules(rules, counters.map(pageFigures), held).map((c) => [c.id, c])),
      new Set(firing.keys()),
      o.maxFiringPerRule,
    );
    let changed = false;
    const notify = (a: Alert) => {
      changed = true;
      (a.state === 'firing' ? metrics.alertsFired : metrics.alertsResolved).inc({ rule: a.rule });
      log.info({ site: a.site, rule: a.rule, state: a.state, page: a.page, element: a.element }, 'alert');
      if (rules.webhook) deliver(rules.webhook, a, rules.allowPrivateWebhook);
    };
    if (rules.webhook) redelivery.offerAgain(site.id, firing, rules.webhook, rules.allowPrivateWebhook);
    for (const c of checks.values()) {
      if (!c.firing || firing.has(c.id)) continue;
      const a = buildNotice(site.id, c, 'firing', now, baseUrl(), rules.format);
      if (await store.alerts.open(site.id, c.id, JSON.stringify(a), { now, keep: o.keep })) notify(a);
    }
    // A roll-up firing on: its count follows the checks left out now (no new notice is sent; one
    // waiting to be offered again carries the current count).
    for (const c of checks.values()) {
      const was = firing.get(c.id);
      if (!c.firing || !was || c.element !== MORE_ELEMENT || was.figures.count === c.figures.count) continue;
      const a: Alert = { ...buildNotice(site.id, c, 'firing', now, baseUrl(), rules.format), at: was.at };
      if (!(await store.alerts.update(site.id, c.id, JSON.stringify(a)))) continue;
      changed = true;
      redelivery.replace(a);
    }
    for (const [id, was] of firing) {
      const c = checks.get(id);
      if (c?.firing) continue;
      // Nothing left to look at (the page left the hour): its counts are zero now.
      const zero: Check = {
        ...was,
        firing: false,
        figures: Object.fromEntries(Object.entries(was.figures).map(([k, v]) => [k, k === 'usual' ? v : 0])),
      };
      const a = buildNotice(site.id, c ?? zero, 'resolved', now, baseUrl(), rules.format);
      if (await store.alerts.close(site.id, id, JSON.stringify(a), { now, cooldownMs: rules.cooldownMs, keep: o.keep }))
        notify(a);
    }
    const list = changed ? await store.alerts.list(site.id) : state;
    const all = (xs: string[]) => xs.map(parse).filter((a): a is Alert => a !== undefined);
    // The dashboard gets a bounded summary: the newest `keep` firing (at most maxFiringPerRule + 1 per rule).
    latest.set(site.id, {
      firing: all(list.firing)
        .sort((a, b) => b.at - a.at)
        .slice(0, o.keep),
      recent: all(list.recent).slice(0, o.keep),
    });
  }

  let running: Promise<void> | undefined;
  /** Evaluate every site once (a tick already running is joined, not doubled). */
  function tick(): Promise<void> {
    running ??= (async () => {
      const t0 = performance.now();
      await Promise.all(
        deps
          .sites()
          .map((s) =>
            evaluateSite(s).catch((err) =>
              log.warn({ site: s.id, err: (err as Error).message }, 'alert evaluation failed'),
            ),
          ),
      );
      metrics.alertEvalSeconds.observe((performance.now() - t0) / 1000);
    })().finally(() => (running = undefined));
    return running;
  }
  const timer = setInterval(() => void tick(), o.evalMs);
  timer.unref();

  return {
    tick,
    /** A site's firing and recent alerts as of the last evaluation (undefined: no alert rules). */
    latest: (site: string) => latest.get(site),
    /** Notices waiting for their webhook. */
    pending: () => delivery.pending(),
    /** Stop evaluating; abandon deliveries in flight. */
    async close() {
      clearInterval(timer);
      await running;
      await delivery.close();
    },
  };
}
export type AlertEngine = ReturnType<typeof createAlertEngine>;
