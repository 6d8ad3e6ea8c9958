import type { WindowName } from '@heatlens/schema';
import type { FoldedBatch } from '../core/fold.js';
import { rollKey } from './redis-keys.js';
import { ALL_SEG_KEY, COUNTER_SET } from '../core/set-names.js';
import { levelsFor } from '../core/retention.js';
import { WINDOW_SPECS, type WindowSpec } from '../core/windows.js';
import { BATCH_ID_TTL_MS, MAX_FAMILY_MEMBERS, OPEN_BUCKETS, SCROLL_SESSION_TTL_MS } from '../core/limits.js';

// What the Redis store's Lua scripts read (lua/*.ts): the window levels, the roll keys of a read,
// and the record script's arguments for a group of batches of one page.

/** Levels as the Lua scripts list them: (name, bucketMs, buckets, slackMs) each. */
export const levelList = (levels: readonly WindowSpec[]) =>
  levels.flatMap((w) => [w.name, String(w.bucketMs), String(w.buckets), String(w.slackMs)]);
// The window levels as the Lua scripts read them (levels.ts): count, open buckets, then (name,
// bucketMs, buckets, slackMs). Every window: what the memory store and tests compare with.
export const LEVEL_ARGS = [String(WINDOW_SPECS.length), String(OPEN_BUCKETS), ...levelList(WINDOW_SPECS)];

const byDays = new Map<number, { levels: string[]; rank: string[] }>();
/**
 * The levels of a site keeping `days` of history (core/retention.ts `levelsFor`), as the page
 * scripts (`levels`: count, open buckets, then per level) and the ranking script (`rank`: count,
 * then per level) read them: a site's keys exist only for the windows it keeps.
 */
export function siteLevelArgs(days: number): { levels: string[]; rank: string[] } {
  let args = byDays.get(days);
  if (!args) {
    const levels = levelsFor(days);
    const list = levelList(levels);
    args = { levels: [String(levels.length), String(OPEN_BUCKETS), ...list], rank: [String(levels.length), ...list] };
    byDays.set(days, args);
  }
  return args;
}
/** A read of a window: set, segment (`a`: all), window. */
export type Read = [set: string, seg: string, window: WindowName];
/** How many levels a window spans (1 for 5m: the live level alone). */
export const levelsIn = (window: WindowName) => WINDOW_SPECS.findIndex((w) => w.name === window) + 1;
/** The rolls of a window's levels. */
export function rollKeys(page: string, [set, seg, window]: Read): string[] {
  return WINDOW_SPECS.slice(0, levelsIn(window)).map((w) => rollKey(page, w.name, set, seg));
}

/**
 * The record script's arguments (lua/record.ts) for batches of one page committed together: now
 * (the newest batch's), the TTLs, the family cap, the levels, then per batch its id, session,
 * segment, scroll band and bucket and newest bucket (`levels`: the site's, `siteLevelArgs`), then
 * per (bucket, set, segment) the summed
 * increments (counters under segment `all`): `bucket, set, seg, n, member, count, ...`.
 */
export function recordArgs(batches: readonly FoldedBatch[], levels: readonly string[] = LEVEL_ARGS): string[] {
  const args = [
    String(batches[0]!.now),
    String(BATCH_ID_TTL_MS),
    String(SCROLL_SESSION_TTL_MS),
    String(MAX_FAMILY_MEMBERS),
    ...levels,
    String(batches.length),
  ];
  // Increments summed per (bucket, set, segment); items come in runs of one bucket and set
  // (fold.ts), so a group is looked up once per run. A lone folded batch's runs are already its
  // groups, summed (the fold coalesces per bucket, set and member).
  if (batches.length === 1 && distinctRuns(batches[0]!.items)) return pushBatch(args, batches[0]!, true);
  const sums = new Map<string, { head: string[]; members: Map<string, number> }>();
  let now = 0;
  for (const batch of batches) {
    now = Math.max(now, batch.now);
    pushBatch(args, batch, false);
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

/**
 * Push a batch's own fields (id, session, segment, scroll band and bucket, newest bucket); with
 * `runs`, also its increments as the record script reads them (a batch's items are coalesced per
 * (bucket, set, member) and come in runs of one bucket and set, which for one batch are its groups).
 */
function pushBatch(args: string[], batch: FoldedBatch, runs: boolean): string[] {
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
  if (!runs) return args;
  const items = batch.items;
  for (let i = 0; i < items.length;) {
    const { b, set } = items[i]!;
    let end = i + 1;
    while (end < items.length && items[end]!.b === b && items[end]!.set === set) end++;
    args.push(String(b), set, set === COUNTER_SET ? ALL_SEG_KEY : batch.seg, String(end - i));
    for (; i < end; i++) args.push(items[i]!.member, String(items[i]!.n));
  }
  return args;
}

/** Whether no (bucket, set) comes in two runs of `items` (true of every folded batch). */
function distinctRuns(items: FoldedBatch['items']): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const prev = items[i - 1];
    if (prev && prev.b === it.b && prev.set === it.set) continue;
    const key = `${it.b}|${it.set}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}
