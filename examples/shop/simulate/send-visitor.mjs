import { setTimeout as sleep } from 'node:timers/promises';

/**
 * POST one batch to the collector as the SDK does (`text/plain`, the page's `Origin`).
 * Retries once after `Retry-After` on 429/503. Resolves to the final HTTP status.
 * @param {{collectorUrl: string, origin: string}} target
 * @param {object} batch
 */
export async function postBatch({ collectorUrl, origin }, batch) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${collectorUrl}/collect`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: origin },
      body: JSON.stringify(batch),
    });
    await res.arrayBuffer();
    if ((res.status === 429 || res.status === 503) && attempt === 0) {
      await sleep(Math.min(5, Number(res.headers.get('retry-after')) || 1) * 1000);
      continue;
    }
    return res.status;
  }
}

let batchSeq = 0;

/**
 * Play one planned visitor against the collector in (sped-up) real time: each page's events go
 * out in batches every `flushMs` of wall time, stamped with the client clock, as the SDK does.
 * @param {import('./plan-visitor.mjs').Visitor} visitor
 * @param {{collectorUrl: string, origin: string, site: string, speed?: number, flushMs?: number,
 *   onBatch?: (batch: object, status: number) => void}} opts `speed` default 1 (4 = four times
 *   faster than life; Infinity sends everything at once); `flushMs` default 5000
 */
export async function sendVisitor(visitor, { collectorUrl, origin, site, speed = 1, flushMs = 5000, onBatch }) {
  for (const visit of visitor.visits) {
    const start = Date.now();
    const groups = new Map();
    for (const e of visit.events) {
      const wall = e.at / speed;
      const slot = Number.isFinite(wall) ? Math.floor(wall / flushMs) : 0;
      if (!groups.has(slot)) groups.set(slot, []);
      groups.get(slot).push(e);
    }
    for (const [slot, events] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
      const due = start + Math.min((slot + 1) * flushMs, visit.dwellMs / speed);
      if (Number.isFinite(due) && due > Date.now()) await sleep(due - Date.now());
      const now = Date.now();
      const batch = {
        v: 1,
        id: `sim-${process.pid}-${++batchSeq}-${visitor.sid.slice(0, 8)}`,
        site,
        sid: visitor.sid,
        path: visit.path,
        vw: visitor.vw,
        sent: now,
        // A referrer path is the previous page of the shop: a full URL on its origin, as the SDK sends.
        events: events.map(({ at, ...e }) => ({
          ...e,
          ...(e.ref?.startsWith('/') ? { ref: origin + e.ref } : {}),
          ts: Math.min(now, start + (Number.isFinite(speed) ? at / speed : 0)),
        })),
      };
      const status = await postBatch({ collectorUrl, origin }, batch);
      onBatch?.(batch, status);
    }
  }
}
