import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DropReason } from './core/drop-reasons.js';

/** The collector's Prometheus metrics, in a registry of its own (several collectors may share a process). */
export type Metrics = ReturnType<typeof createMetrics>;

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'heatlens_' });
  const events = new Counter({
    name: 'heatlens_events_total',
    help: 'Events received, by outcome (accepted, dropped) and reason',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  });
  return {
    registry,
    requests: new Counter({
      name: 'heatlens_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    events,
    /** Count `n` events dropped for `reason` (core/drop-reasons.ts); none when `n` is 0. */
    dropped(reason: DropReason, n: number) {
      if (n > 0) events.inc({ outcome: 'dropped', reason }, n);
    },
    batches: new Counter({
      name: 'heatlens_batches_total',
      help: 'Batches received, by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    batchSeconds: new Histogram({
      name: 'heatlens_batch_duration_seconds',
      help: 'Time from request to answer of POST /collect',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    storeSeconds: new Histogram({
      name: 'heatlens_redis_duration_seconds',
      help: 'Store (Redis) call latency by operation',
      labelNames: ['op'],
      buckets: [0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
    liveRefused: new Counter({
      name: 'heatlens_live_refused_total',
      help: '/live upgrades answered 429 for too many open sockets or watched pages',
      registers: [registry],
    }),
    pipelineCut: new Counter({
      name: 'heatlens_http_pipeline_cut_total',
      help: 'Connections closed for queueing more pipelined requests than the bound (http/pipeline-bound.ts)',
      registers: [registry],
    }),
    viewers: new Gauge({ name: 'heatlens_live_viewers', help: 'Open /live WebSockets', registers: [registry] }),
    alertsFired: new Counter({
      name: 'heatlens_alerts_fired_total',
      help: 'Alerts this collector fired (one collector per alert across a fleet), by rule',
      labelNames: ['rule'],
      registers: [registry],
    }),
    alertsResolved: new Counter({
      name: 'heatlens_alerts_resolved_total',
      help: 'Alerts this collector resolved, by rule',
      labelNames: ['rule'],
      registers: [registry],
    }),
    alertDeliveries: new Counter({
      name: 'heatlens_alert_deliveries_total',
      help: 'Alert webhook notices by outcome (delivered, failed: given up after retries or dropped) and rule',
      labelNames: ['outcome', 'rule'],
      registers: [registry],
    }),
    alertEvalSeconds: new Histogram({
      name: 'heatlens_alert_evaluation_duration_seconds',
      help: "Time to evaluate every site's alert rules once",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}
