import type { Alert } from '@heatlens/schema';
import type { createDelivery } from './deliver.js';

/**
 * The firing notices this collector opened whose delivery gave up (queue full, receiver down), offered
 * again at each evaluation until delivered or resolved. Bounded by the alerts that may fire (rules and
 * maxFiringPerRule); keyed `site|alert id`.
 */
export function createRedelivery(delivery: Pick<ReturnType<typeof createDelivery>, 'send'>, redeliverMs: number) {
  const undelivered = new Map<string, { alert: Alert; at: number }>();
  const inFlight = new Set<string>();

  /** Send `a` to `url`; a firing one that fails waits to be offered again. */
  function deliver(url: string, a: Alert, allowPrivate: boolean) {
    const key = `${a.site}|${a.id}`;
    if (a.state === 'resolved') undelivered.delete(key);
    if (a.state === 'firing') inFlight.add(key);
    void delivery.send(url, a, { allowPrivate }).then((ok) => {
      if (a.state !== 'firing') return;
      inFlight.delete(key);
      // One resolved meanwhile is dropped at the next evaluation (no longer firing in the store).
      if (ok) undelivered.delete(key);
      else undelivered.set(key, { alert: a, at: Date.now() });
    });
  }

  return {
    deliver,
    /**
     * Offer `site`'s waiting notices again (those at least `redeliverMs` old, not in flight); those no
     * longer in `firing` (alert id -> alert) are dropped.
     */
    offerAgain(site: string, firing: Map<string, Alert>, url: string, allowPrivate: boolean) {
      for (const [key, { alert: a, at }] of undelivered) {
        if (a.site !== site || inFlight.has(key)) continue;
        if (!firing.has(a.id)) undelivered.delete(key);
        else if (Date.now() - at >= redeliverMs) deliver(url, a, allowPrivate);
      }
    },
    /** A waiting notice now carries `a` (a roll-up's count changed while it waited). */
    replace(a: Alert) {
      const waiting = undelivered.get(`${a.site}|${a.id}`);
      if (waiting) waiting.alert = a;
    },
  };
}
