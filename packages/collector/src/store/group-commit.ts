import type { FoldedBatch } from '../core/fold.js';

/** Batches one commit holds at most (bounds a script call's arguments). */
export const MAX_BATCHES_PER_COMMIT = 64;

/** What a commit of several batches of one page answers. */
export type CommitResult = { watched: boolean; known: string[] };
type Commit = (key: string, batches: FoldedBatch[]) => Promise<CommitResult>;
type Waiter = {
  batch: FoldedBatch;
  resolve: (r: { duplicate: boolean; watched: boolean }) => void;
  reject: (e: unknown) => void;
};

/**
 * Group commit per page: batches for the same page that arrive while that page's commit is in
 * flight (or in the same event-loop turn) are merged into its next commit, so a busy page costs one
 * script call per round trip instead of one per batch, and adds no wait when the page is quiet.
 * Each batch is answered after the commit that holds it. A commit that reports known batch ids
 * answers those as duplicates and commits the rest again; a failed commit fails its batches.
 * `stats()` counts commits and batches (merged per commit = batches / commits).
 */
export function createGroupCommit(commit: Commit) {
  const queued = new Map<string, Waiter[]>();
  const busy = new Set<string>();
  let commits = 0;
  let batches = 0;

  async function run(key: string) {
    const waiting = queued.get(key);
    if (!waiting?.length) {
      busy.delete(key);
      queued.delete(key);
      return;
    }
    const group = waiting.splice(0, MAX_BATCHES_PER_COMMIT);
    // The same id twice in one group (a retry racing its original): the later one is a duplicate.
    const ids = new Set<string>();
    let pending = group.filter((w) => {
      if (!ids.has(w.batch.batchId)) return ids.add(w.batch.batchId);
      w.resolve({ duplicate: true, watched: false });
      return false;
    });
    try {
      // Each round drops the known ids, so it ends within as many rounds as the group has batches.
      while (pending.length) {
        commits++;
        batches += pending.length;
        const r = await commit(
          key,
          pending.map((w) => w.batch),
        );
        if (!r.known.length) {
          for (const w of pending) w.resolve({ duplicate: false, watched: r.watched });
          break;
        }
        const known = new Set(r.known);
        const fresh = pending.filter((w) => !known.has(w.batch.batchId));
        // Known ids that are none of ours would retry forever: a broken store, failed loudly.
        if (fresh.length === pending.length)
          throw new Error(`commit reported unknown batch ids: ${r.known.join(', ')}`);
        for (const w of pending) if (known.has(w.batch.batchId)) w.resolve({ duplicate: true, watched: r.watched });
        pending = fresh;
      }
    } catch (e) {
      for (const w of pending) w.reject(e);
    }
    void run(key);
  }

  return {
    /** Queue a batch for its page's next commit; resolves once a commit holding it is done. */
    add(key: string, batch: FoldedBatch): Promise<{ duplicate: boolean; watched: boolean }> {
      return new Promise((resolve, reject) => {
        let q = queued.get(key);
        if (!q) queued.set(key, (q = []));
        q.push({ batch, resolve, reject });
        if (!busy.has(key)) {
          busy.add(key);
          setImmediate(() => void run(key));
        }
      });
    },
    /** Commits made and batches they held since start. */
    stats: () => ({ commits, batches }),
  };
}
