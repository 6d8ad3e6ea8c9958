/** A batch as the SDK sends it, but for `v`, `site` (`demo`) and `sent`, which `postBatch` adds. */
export type BatchFields = { id: string; sid: string; path: string; vw: number; events: Array<Record<string, unknown>> };

/**
 * POST a batch to `collectorUrl`'s /collect as the SDK on a page of `origin` does; `sent`, and the
 * `ts` of every event that has none, are `at` (default now). Resolves with the collector's answer.
 */
export function postBatch(
  collectorUrl: string,
  origin: string,
  batch: BatchFields,
  at = Date.now(),
): Promise<Response> {
  const body = { v: 1, site: 'demo', ...batch, sent: at, events: batch.events.map((e) => ({ ts: at, ...e })) };
  return fetch(`${collectorUrl}/collect`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain', Origin: origin },
    body: JSON.stringify(body),
  });
}
