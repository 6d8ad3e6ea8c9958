import { describe, expect, it } from 'vitest';
import type { FoldedBatch } from '../core/fold.js';
import { createGroupCommit, type CommitResult } from './group-commit.js';

const batch = (id: string) => ({ batchId: id }) as FoldedBatch;

/** A fake store: remembers ids, answers known ones as a commit would, records each call's ids. */
function fakeStore() {
  const seen = new Set<string>();
  const calls: string[][] = [];
  let release: (() => void) | undefined;
  const commit = async (_key: string, batches: FoldedBatch[]): Promise<CommitResult> => {
    calls.push(batches.map((b) => b.batchId));
    if (calls.length === 1) await new Promise<void>((r) => (release = r)); // the first commit is slow
    const known = batches.map((b) => b.batchId).filter((id) => seen.has(id));
    if (!known.length) for (const b of batches) seen.add(b.batchId);
    return { watched: false, known };
  };
  return { commit, calls, seen, release: () => release?.() };
}

describe('group commit', () => {
  it("merges a page's batches that arrive while its commit is in flight, answering each after its commit", async () => {
    const f = fakeStore();
    const g = createGroupCommit(f.commit);
    const first = g.add('p', batch('a'));
    await new Promise((r) => setImmediate(r));
    const later = [g.add('p', batch('b')), g.add('p', batch('c')), g.add('q', batch('d'))];
    let done = 0;
    for (const p of later.slice(0, 2)) void p.then(() => done++);
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(0); // b and c wait for the commit that holds them
    f.release();
    expect(await Promise.all([first, ...later])).toEqual(Array(4).fill({ duplicate: false, watched: false }));
    expect(f.calls).toEqual([['a'], ['d'], ['b', 'c']]);
    expect(g.stats()).toEqual({ commits: 3, batches: 4 });
  });

  it('answers known ids as duplicates, commits the rest again; the same id twice in a group counts once', async () => {
    const f = fakeStore();
    const g = createGroupCommit(f.commit);
    f.seen.add('old');
    const first = g.add('p', batch('x'));
    await new Promise((r) => setImmediate(r));
    const group = [g.add('p', batch('old')), g.add('p', batch('new')), g.add('p', batch('new'))];
    f.release();
    await first;
    expect((await Promise.all(group)).map((r) => r.duplicate)).toEqual([true, false, true]);
    expect(f.calls).toEqual([['x'], ['old', 'new'], ['new']]);
    expect(f.seen).toEqual(new Set(['old', 'x', 'new']));
  });

  it('fails every batch of a failed commit, and a store that names ids it was not given', async () => {
    const g = createGroupCommit(async () => {
      throw new Error('redis down');
    });
    await expect(g.add('p', batch('a'))).rejects.toThrow('redis down');
    const h = createGroupCommit(async () => ({ watched: false, known: ['zzz'] }));
    await expect(h.add('p', batch('a'))).rejects.toThrow('unknown batch ids: zzz');
  });
});
