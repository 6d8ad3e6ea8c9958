import { SEGMENTS, type Heatmap, type Pages, type Stats, type WindowName } from '@heatlens/schema';
import { buildHeatmap, reachByBand } from '../core/build-heatmap.js';
import { siteSources } from '../core/build-sources.js';
import { buildStats } from '../core/build-stats.js';
import { bucketKey, eventsKey, levelEventsKey, pagePrefix, rankKey, visitorsKey } from './redis-keys.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS, segKey } from '../core/set-names.js';
import { bucketsIn, windowSpec, windowStart } from '../core/windows.js';
import { ADVANCE_LUA } from './lua/advance.js';
import { WINDOW_CHANGES_LUA } from './lua/window-changes.js';
import { previousRange } from './previous-window.js';
import { levelsFor, type RetentionOf } from '../core/retention.js';
import type { RankQueue } from './rank-queue.js';
import { createReadGate } from './read-gate.js';
import { pacedSteps } from './paced-steps.js';
import { rollKeys, siteLevelArgs, type Read } from './redis-args.js';
import type { RedisCalls } from './redis-calls.js';
import { redisWindowChanges } from './redis-window-changes.js';
import { createSnapshotCache } from './snapshot-cache.js';
import type { HeatmapQuery, PagesQuery, RedisLike, StatsQuery, WindowChanges } from './types.js';

/**
 * Pages whose figures one `pages` read asks Redis for at a time (`limit` up to 500): what a write
 * may wait behind on Redis is one step (paced-steps.ts rests between steps).
 */
const PAGES_PER_STEP = 10;
/** `pages` reads one process serves at once; the others wait their turn within their deadline. */
const PAGES_READS_AT_ONCE = 1;

/** A script run by `RedisCalls.script`. */
export type Script = ReturnType<RedisCalls['script']>;
/**
 * Advance a page to `now` (lua/advance.ts) with `run` (the writes' script by default); for each
 * read asked for, the answer also names the open live buckets that exist.
 */
export type Advance = (
  site: string,
  page: string,
  now: number,
  reads?: Read[],
  run?: Script,
) => Promise<[string, number, ...string[][]]>;

type RawStats = {
  counters: Map<string, number>;
  reach: number[];
  visitors: number;
  from: number;
  to: number;
  windowMs: number;
};

/**
 * A site's pages ranked over a window with each page's numbers (Store.pages): one deadline for the
 * whole read, one turn of the read gate, pages in steps with a yield between them.
 */
async function readPages(
  d: Pick<RedisReadsDeps, 'reader' | 'reads' | 'readTimeoutMs' | 'rankQueue'> & {
    pagesGate: ReturnType<typeof createReadGate>;
    rawStats: (site: string, page: string, window: WindowName, now: number) => Promise<RawStats>;
  },
  q: PagesQuery,
): Promise<Pages> {
  const { reader, reads, readTimeoutMs, rankQueue, pagesGate, rawStats } = d;
  await rankQueue.flush(q.site).catch(() => {}); // this process reads its own writes; a failed write stays queued
  const w = windowSpec(q.window);
  // The series of the chosen window, in its level's buckets (5 s for 5 min, 1 min for 1 h, ...).
  const buckets = bucketsIn(q.now, w);
  // One deadline for the whole read, a turn among PAGES_READS_AT_ONCE, and its pages in steps
  // of PAGES_PER_STEP paced to HEAVY_READ_SHARE of the time (paced-steps.ts): what one read queues
  // on Redis and holds the event loop for is bounded, so writes keep their turn under any number
  // of heavy reads.
  const t0 = performance.now();
  const { series, pages } = await reads.call('pages', () =>
    pagesGate(async () => {
      const [ranking, series] = await Promise.all([
        reader.zUnionWithScores(buckets.map((b) => rankKey(q.site, w.name, b)) as [string, ...string[]]),
        reader.mGet(buckets.map((b) => (w.name === '5m' ? eventsKey(q.site, b) : levelEventsKey(q.site, w.name, b)))),
      ]);
      const top = ranking.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1)).slice(0, q.limit);
      // Each step's figures built in its step, so no one stretch of the event loop builds 500.
      const pages = await pacedSteps(top, {
        size: PAGES_PER_STEP,
        t0,
        deadlineMs: readTimeoutMs,
        step: (chunk) =>
          Promise.all(
            chunk.map(async (r) => {
              const raw = await rawStats(q.site, r.value, q.window, q.now);
              return { raw, stats: buildStats({ site: q.site, page: r.value }, raw) };
            }),
          ),
      });
      return { series, pages };
    }),
  );
  return {
    site: q.site,
    windowMs: w.ms,
    from: windowStart(q.now, w),
    to: q.now,
    bucketMs: w.bucketMs,
    series: buckets.map((b, i) => [b, Number(series[i] ?? 0)] as [number, number]),
    pages: pages.map((p) => p.stats),
    sources: siteSources(pages.map((p) => p.raw)),
  };
}

export type RedisReadsDeps = {
  /** the read client and its calls (deadline `readTimeoutMs` per whole read) */
  reader: RedisLike;
  reads: RedisCalls;
  readTimeoutMs: number;
  grid: number;
  rankQueue: RankQueue;
  advance: Advance;
  /** a site's `retentionDays` (core/retention.ts): the windows it keeps */
  retentionOf: RetentionOf;
};

/**
 * The Redis store's reads (redis.ts): snapshot, windowChanges, stats, pages, previous, and the
 * raw counters of the alert rules, each advancing the page first, on the read client.
 */
export function createRedisReads({
  reader,
  reads,
  readTimeoutMs,
  grid,
  rankQueue,
  advance,
  retentionOf,
}: RedisReadsDeps) {
  const pagesGate = createReadGate(PAGES_READS_AT_ONCE, readTimeoutMs);
  const readAdvanceScript = reads.script(ADVANCE_LUA);
  const changesScript = reads.script(WINDOW_CHANGES_LUA);
  const snapshots = createSnapshotCache();
  const zrange = (keys: string[]) => Promise.all(keys.map((k) => reader.zRangeWithScores(k, 0, -1)));
  // Each window: its lists (rolls, then open buckets) summed by member.
  const sum = (lists: Array<Array<{ value: string; score: number }>>) => {
    const out = new Map<string, number>();
    for (const list of lists) for (const m of list) out.set(m.value, (out.get(m.value) ?? 0) + m.score);
    return out;
  };

  // Advance, then read windows: each is its levels' rolls plus the open live buckets. The rolls are
  // read with the advance (one round trip; commands of one connection run in order), the open
  // buckets the advance named after it; rolls are read again when the advance ran after them (its
  // script had to be loaded). Each key is read with ZRANGE and summed here: a union would cost
  // Redis several times a plain read of its largest key.
  async function advanceAndRead(site: string, page: string, now: number, wanted: Read[]) {
    const prefix = pagePrefix(site, page);
    const readRolls = () => Promise.all(wanted.map((r) => zrange(rollKeys(prefix, r))));
    const before = reads.reloads();
    let [[changeTag, , ...open], rolls] = await Promise.all([
      advance(site, page, now, wanted, readAdvanceScript),
      readRolls(),
    ]);
    if (reads.reloads() !== before) rolls = await readRolls();
    const buckets = await Promise.all(open.map((keys) => zrange(keys)));
    const windows = rolls.map((lists, i) => sum([...lists, ...(buckets[i] ?? [])]));
    return { changeTag, windows };
  }

  async function rawStats(site: string, page: string, window: WindowName, now: number) {
    const w = windowSpec(window);
    const prefix = pagePrefix(site, page);
    const [
      {
        windows: [counters, scroll],
      },
      visitors,
    ] = await Promise.all([
      advanceAndRead(site, page, now, [
        [COUNTER_SET, ALL_SEG_KEY, window],
        [HEAT_SETS.scroll, ALL_SEG_KEY, window],
      ]),
      reader.pfCount(bucketsIn(now, w).map((b) => visitorsKey(prefix, w.name, b))),
    ]);
    return {
      from: windowStart(now, w),
      to: now,
      windowMs: w.ms,
      counters: counters!,
      visitors,
      reach: reachByBand(scroll!, grid),
    };
  }

  return {
    advanceAndRead,
    // Advance first: while the page's change tag is the one a map was built under, that map is
    // the answer (snapshot-cache.ts), read from Redis no further; else the window is read after it.
    async snapshot(q: HeatmapQuery): Promise<Heatmap> {
      const w = windowSpec(q.window);
      const span = { from: windowStart(q.now, w), to: q.now };
      const read: Read = [HEAT_SETS[q.kind], segKey(q.seg), q.window];
      const key = JSON.stringify([q.site, q.page, q.kind, q.seg, q.window]);
      const map = await reads.call('snapshot', async () => {
        const [tag, , open] = await advance(q.site, q.page, q.now, [read], readAdvanceScript);
        const hit = snapshots.get(key, tag);
        if (hit) return hit;
        const lists = await zrange([...rollKeys(pagePrefix(q.site, q.page), read), ...(open ?? [])]);
        const built = buildHeatmap({ ...q, grid }, { ...span, windowMs: w.ms, members: sum(lists) });
        return snapshots.set(key, tag, built);
      });
      return { ...map, ...span };
    },

    // The delta when the cursor allows, else the whole window read after it (so from the cursor on).
    windowChanges: (q: HeatmapQuery, since?: string): Promise<WindowChanges> =>
      reads.call('windowChanges', async () => {
        const w = windowSpec(q.window);
        const span = { from: windowStart(q.now, w), to: q.now, windowMs: w.ms };
        const changes = await redisWindowChanges(changesScript, q, since, siteLevelArgs(retentionOf(q.site)).levels);
        if (!changes.full) return { ...changes, ...span };
        const read: Read = [HEAT_SETS[q.kind], segKey(q.seg), q.window];
        const { windows } = await advanceAndRead(q.site, q.page, q.now, [read]);
        return { ...changes, members: [...windows[0]!], ...span };
      }),

    async stats(q: StatsQuery): Promise<Stats> {
      return buildStats(q, await reads.call('stats', () => rawStats(q.site, q.page, q.window, q.now)));
    },

    pages: (q: PagesQuery) => readPages({ reader, reads, readTimeoutMs, rankQueue, pagesGate, rawStats }, q),

    async previous(q: HeatmapQuery) {
      const r = previousRange(q.window, q.now, levelsFor(retentionOf(q.site)));
      if (!r) return undefined;
      const prefix = pagePrefix(q.site, q.page);
      const keys = (q.seg === 'all' ? SEGMENTS : [q.seg]).flatMap((seg) =>
        r.buckets.map((b) => bucketKey(prefix, r.level.name, HEAT_SETS[q.kind], seg, b)),
      );
      const members = new Map<string, number>();
      await reads.call('previous', async () => {
        await advance(q.site, q.page, q.now, [], readAdvanceScript);
        for (const list of await Promise.all(keys.map((k) => reader.zRangeWithScores(k, 0, -1))))
          for (const m of list) members.set(m.value, (members.get(m.value) ?? 0) + m.score);
      });
      return buildHeatmap({ ...q, grid }, { from: r.from, to: r.to, windowMs: r.to - r.from, members });
    },
  };
}
