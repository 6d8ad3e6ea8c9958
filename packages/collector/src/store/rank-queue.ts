/** How often queued ranking is written: one script per site per interval instead of one per batch. */
export const RANK_FLUSH_MS = 200;
/** Batches queued per site at most while Redis is away; past it the oldest are dropped. */
const MAX_QUEUED = 50_000;

type Write = (site: string, now: number, batches: string[]) => Promise<unknown>;

/**
 * The site ranking and events series, group-committed. A batch's page data is written (and
 * acknowledged) on its own; its ranking entry joins a per-site queue that one Lua call writes every
 * RANK_FLUSH_MS, still deduplicated by batch id in Redis. A failed write keeps its batches queued
 * for the next round. What a crash of this process can lose is at most one interval of ranking,
 * never heatmap data.
 */
export function createRankQueue(options: { write: Write; flushMs?: number }) {
  const queues = new Map<string, { now: number; batches: string[][] }>();
  const inFlight = new Map<string, Promise<void>>();

  async function flush(site: string): Promise<void> {
    await inFlight.get(site);
    const q = queues.get(site);
    if (!q?.batches.length) return;
    queues.delete(site);
    const run = options
      .write(site, q.now, q.batches.flat())
      .then(
        () => {},
        (err) => {
          // Keep them for the next round, oldest first, within the bound.
          const back = queues.get(site);
          const merged = {
            now: Math.max(q.now, back?.now ?? 0),
            batches: [...q.batches, ...(back?.batches ?? [])].slice(-MAX_QUEUED),
          };
          queues.set(site, merged);
          throw err;
        },
      )
      .finally(() => inFlight.delete(site));
    inFlight.set(
      site,
      run.catch(() => {}),
    );
    return run;
  }

  const flushAll = () => Promise.all([...queues.keys()].map((site) => flush(site).catch(() => {})));
  const timer = setInterval(() => void flushAll(), options.flushMs ?? RANK_FLUSH_MS);
  timer.unref();

  return {
    /** Queue a written batch's events per bucket for its site's ranking. */
    add(site: string, batchId: string, page: string, buckets: Map<number, number>, now: number) {
      let q = queues.get(site);
      if (!q) queues.set(site, (q = { now, batches: [] }));
      if (now > q.now) q.now = now;
      const entry = [batchId, page, String(buckets.size)];
      for (const [b, n] of buckets) entry.push(String(b), String(n));
      q.batches.push(entry);
      if (q.batches.length > MAX_QUEUED) q.batches.shift();
    },
    /** Write a site's queue now (reads call this so a process sees its own writes). */
    flush,
    /** Stop the timer and write what is queued. */
    async close() {
      clearInterval(timer);
      await flushAll();
    },
  };
}

/** The ranking queue of a store (createRankQueue). */
export type RankQueue = ReturnType<typeof createRankQueue>;
