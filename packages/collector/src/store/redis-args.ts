import type { WindowName } from '@heatlens/schema';
import type { FoldedBatch } from '../core/fold.js';
import { rollKey } from './redis-keys.js';
import { ALL_SEG_KEY, COUNTER_SET } from '../core/set-names.js';
import { WINDOW_SPECS } from '../core/windows.js';
import { BATCH_ID_TTL_MS, MAX_FAMILY_MEMBERS, OPEN_BUCKETS, SCROLL_SESSION_TTL_MS } from '../core/limits.js';

// What the Redis store's Lua scripts read (lua/*.ts): the window levels, the roll keys of a read,
// and the record script's arguments for a group of batches of one page.

// The window levels as the Lua scripts read them (levels.ts): count, open buckets, then (name,
// bucketMs, buckets, slackMs).
export const LEVEL_ARGS = [
  String(WINDOW_SPECS.length),
  String(OPEN_BUCKETS),
  ...WINDOW_SPECS.flatMap((w) => [w.name, String(w.bucketMs), String(w.buckets), String(w.slackMs)]),
];
// The ranking script's levels (rank.ts): count, then (name, bucketMs, buckets, slackMs).
export const RANK_LEVEL_ARGS = [
  String(WINDOW_SPECS.length),
  ...WINDOW_SPECS.flatMap((w) => [w.name, String(w.bucketMs), String(w.buckets), String(w.slackMs)]),
];
/** A read of a window: set, segment (`a`: all), window. */
export type Read = [set: string, seg: string, window: WindowName];
/** The rolls of a window's levels. */
export function rollKeys(page: string, [set, seg, window]: Read): string[] {
  return WINDOW_SPECS.slice(0, WINDOW_SPECS.findIndex((w) => w.name === window) + 1).map((w) =>
    rollKey(page, w.name, set, seg),
  );
}

/**
 * The record script's arguments (lua/record.ts) for batches of one page committed together: now
 * (the newest batch's), the TTLs, the family cap, the levels, then per batch its id, session,
 * segment, scroll band and bucket and newest bucket, then per (bucket, set, segment) the summed
 * increments (counters under segment `all`): `bucket, set, seg, n, member, count, ...`.
 */
export function recordArgs(batches: readonly FoldedBatch[]): string[] {
  const args = [
    String(batches[0]!.now),
    String(BATCH_ID_TTL_MS),
    String(SCROLL_SESSION_TTL_MS),
    String(MAX_FAMILY_MEMBERS),
    ...LEVEL_ARGS,
    String(batches.length),
  ];
  // Increments summed per (bucket, set, segment); items come in runs of one bucket and set
  // (fold.ts), so a group is looked up once per run.
  const sums = new Map<string, { head: string[]; members: Map<string, number> }>();
  let now = 0;
  for (const batch of batches) {
    now = Math.max(now, batch.now);
    let newest = -1;
    for (const b of batch.buckets.keys()) if (b > newest) newest = b;
    args.push(
      batch.batchId,
      batch.sid,
      batch.seg,
      String(batch.scroll?.band ?? -1),
      String(batch.scroll?.b ?? 0),
      String(newest),
    );
    let group: Map<string, number> | undefined;
    let runB = NaN;
    let runSet = '';
    for (const it of batch.items) {
      if (it.b !== runB || it.set !== runSet || !group) {
        runB = it.b;
        runSet = it.set;
        const seg = it.set === COUNTER_SET ? ALL_SEG_KEY : batch.seg;
        const key = `${it.b}|${it.set}|${seg}`;
        let g = sums.get(key);
        if (!g) sums.set(key, (g = { head: [String(it.b), it.set, seg], members: new Map() }));
        group = g.members;
      }
      group.set(it.member, (group.get(it.member) ?? 0) + it.n);
    }
  }
  args[0] = String(now);
  for (const { head, members } of sums.values()) {
    args.push(head[0]!, head[1]!, head[2]!, String(members.size));
    for (const [m, n] of members) args.push(m, String(n));
  }
  return args;
}
