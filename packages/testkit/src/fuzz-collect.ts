import fc from 'fast-check';
import { collectRequests, type FuzzRequest } from './fuzz-bodies.js';

/** The statuses DESIGN.md documents for POST /collect, less 503 (the store is up while fuzzing). */
export const COLLECT_STATUSES = new Set([204, 400, 403, 413, 415, 429]);

/** What a fuzz run saw. */
export type FuzzReport = { runs: number; statuses: Record<string, number>; failure?: string };

/** Send one fuzzed request; resolves with the status (or `network` when the connection failed). */
export async function sendFuzz(url: string, r: FuzzRequest): Promise<number | 'network'> {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.origin) headers.origin = r.origin;
  if (r.encoding) headers['content-encoding'] = r.encoding;
  try {
    // Bytes go as a Blob: fetch's DOM typing (this package also types browser rigs) wants a plain ArrayBuffer view.
    const body = typeof r.body === 'string' ? r.body : new Blob([new Uint8Array(r.body)]);
    const res = await fetch(`${url}/collect`, { method: 'POST', headers, body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'network';
  }
}

/**
 * Fuzz POST /collect of a running collector with `runs` requests from a fixed seed (CI runs
 * 10,000; `pnpm bench` may run more with another seed). Fails on the first answer that is not a
 * documented status or a dropped connection, and shrinks it to the smallest such request.
 */
export async function fuzzCollect(
  url: string,
  { runs = 10_000, seed = 20_261_124 }: { runs?: number; seed?: number } = {},
): Promise<FuzzReport> {
  const statuses: Record<string, number> = {};
  const details = await fc.check(
    fc.asyncProperty(collectRequests, async (r) => {
      const status = await sendFuzz(url, r);
      statuses[status] = (statuses[status] ?? 0) + 1;
      return typeof status === 'number' && COLLECT_STATUSES.has(status);
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  const report: FuzzReport = { runs: details.numRuns, statuses };
  if (details.failed) {
    const [example] = details.counterexample ?? [];
    report.failure =
      `seed ${seed}, path ${details.counterexamplePath}: ${fc.stringify(example)} ` +
      `(${details.errorInstance ? String(details.errorInstance) : 'bad status'})`;
  }
  return report;
}
