import { SEGMENTS, type Heatmap, type Pages, type Stats, type WindowName } from '@heatlens/schema';
import { buildHeatmap, reachByBand } from '../core/build-heatmap.js';
import { siteSources } from '../core/build-sources.js';
import { buildStats } from '../core/build-stats.js';
import type { FoldedBatch } from '../core/fold.js';
import {
  bucketKey,
  eventsKey,
  levelEventsKey,
  knownKey,
  pagePrefix,
  rankKey,
  siteKey,
  sweepKey,
  visitorsKey,
  watchedKey,
} from './redis-keys.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS, segKey } from '../core/set-names.js';
import { MAX_RETENTION_MS, SWEEP_MS, bucketsIn, windowSpec, windowStart } from '../core/windows.js';
import { ADVANCE_BUDGET, BATCH_ID_TTL_MS, MAX_FAMILY_MEMBERS } from '../core/limits.js';
import { createGroupCommit, type CommitResult } from './group-commit.js';
import { ADMIT_PAGE_LUA } from './lua/admit-page.js';
import { ADVANCE_LUA } from './lua/advance.js';
import {
  DEFAULT_MAX_KNOWN_PAGES,
  DEFAULT_MAX_PAGES,
  KNOWN_RECENT_MS,
  OTHER_PAGE,
  PAGE_CAP_BUCKET_MS,
  createAdmittedPages,
  reservedPlaces,
} from './page-cap.js';
import { RECORD_LUA } from './lua/record.js';
import { SITE_LUA } from './lua/rank.js';
import { createRankQueue } from './rank-queue.js';
import { createReadGate } from './read-gate.js';
import { createRedisAlerts } from './redis-alerts.js';
import { createRedisCaptures } from './captures-redis.js';
import { LEVEL_ARGS, RANK_LEVEL_ARGS, recordArgs, rollKeys, type Read } from './redis-args.js';
import { createRedisCalls } from './redis-calls.js';
import { previousRange } from './previous-window.js';
import { createRedisViews } from './views-redis.js';
import {
  type HeatmapQuery,
  type PagesQuery,
  type RecordResult,
  type StatsQuery,
  type Store,
  type RedisLike,
} from './types.js';

export type { RedisLike } from './types.js';

/** Default deadline of one whole read (snapshot, stats, pages, ...) in ms. */
export const DEFAULT_READ_TIMEOUT_MS = 5000;
/** Pages whose figures one `pages` read asks Redis for at a time (`limit` up to 500). */
const PAGES_PER_STEP = 25;
/** `pages` reads one process serves at once; the others wait their turn within their deadline. */
const PAGES_READS_AT_ONCE = 1;

export type RedisStoreOptions = {
  /** a connected node-redis client or cluster: writes (record, rank, advance, sweep, admission) */
  client: RedisLike;
  /**
   * a second connected client or cluster for reads (snapshots, stats, pages, captures, views):
   * a heavy read's commands then queue on it, never ahead of a write's; default `client`
   */
  readClient?: RedisLike;
  /** deadline of one whole read (all its steps) in ms; past it: StoreUnavailableError (503); default 5000 */
  readTimeoutMs?: number;
  /** resolves when Redis answers (PING, or a cluster's equivalent) */
  ping: () => Promise<unknown>;
  /** tiles per side; default 50 */
  grid?: number;
  /** observe each Redis call's latency in seconds (metrics) */
  observe?: (op: string, seconds: number) => void;
  /**
   * Deadline of each store call in ms, after which it fails with StoreUnavailableError (503);
   * default 1000. node-redis's own command timeout stops at the socket: a command already
   * written to a stalled server (CLIENT PAUSE, a long script, a frozen host) would wait forever.
   */
  timeoutMs?: number;
  /** new pages per site per 5-minute bucket; further new paths count as `(other)`; default 1000 */
  maxPages?: number;
  /** known pages per site (admitted first, swept), the least recently written evicted; default 10,000 */
  maxKnownPages?: number;
  /** pages one sweep call advances per site at most; default 1000 */
  sweepPages?: number;
};

/**
 * Redis (or Redis Cluster) store. Each batch is one Lua call on its page's hash tag that checks
 * the batch id and writes every window's buckets and rolling keys; reads advance the rolling key
 * (one Lua call) and read one small key, so a snapshot costs the same for any window length.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const {
    client,
    grid = 50,
    timeoutMs = 1000,
    maxPages = DEFAULT_MAX_PAGES,
    maxKnownPages = DEFAULT_MAX_KNOWN_PAGES,
    sweepPages = 1000,
    readClient: reader = client,
    readTimeoutMs = DEFAULT_READ_TIMEOUT_MS,
  } = options;
  const { call, script } = createRedisCalls(client, timeoutMs, options.observe);
  const reads = createRedisCalls(reader, readTimeoutMs, options.observe);
  const pagesGate = createReadGate(PAGES_READS_AT_ONCE, readTimeoutMs);

  const recordScript = script(RECORD_LUA);
  const siteScript = script(SITE_LUA);
  const rankQueue = createRankQueue({
    write: (site, now, batches) =>
      call('rank', () =>
        siteScript([siteKey(site)], [String(now), String(BATCH_ID_TTL_MS), ...RANK_LEVEL_ARGS, ...batches]),
      ),
  });
  const advanceScript = script(ADVANCE_LUA);
  const readAdvanceScript = reads.script(ADVANCE_LUA);
  const admitScript = script(ADMIT_PAGE_LUA);
  const admitted = createAdmittedPages();
  // Per site: where the sweep's turn through the less recent pages goes on.
  const cursors = new Map<string, number>();
  const viewScripts = new Map<string, ReturnType<typeof script>>();

  // Page admission (page-cap.ts), in its own step before the page write: the site's pages live
  // under the site's hash tag and the page's keys under the page's, which may be another node.
  async function admit(site: string, path: string, now: number, sid: string): Promise<string> {
    const known = admitted.at(site, now);
    if (known.has(path)) return path;
    const args = [
      path,
      String(now),
      String(maxPages),
      String(maxKnownPages),
      String(admitted.bucketOf(now)),
      String(2 * PAGE_CAP_BUCKET_MS),
      String(2 * MAX_RETENTION_MS),
      String(KNOWN_RECENT_MS),
      OTHER_PAGE,
      sid,
      String(reservedPlaces(maxPages)),
    ];
    const page = (await call('admit', () => admitScript([siteKey(site)], args))) as string;
    if (page === path) known.add(path);
    return page;
  }

  // Every level advances at once: a longer window is the union of the shorter levels' rolls. For
  // each read asked for, the advance also names the open live buckets that exist.
  const advance = async (site: string, path: string, now: number, reads: Read[] = [], run = advanceScript) =>
    (await run(
      [pagePrefix(site, path)],
      [
        String(now),
        String(ADVANCE_BUDGET),
        String(MAX_FAMILY_MEMBERS),
        ...LEVEL_ARGS,
        ...reads.flatMap((r) => [r[0], r[1]]),
      ],
    )) as [string, number, ...string[][]];

  // Advance, then read windows: each is its levels' rolls plus the open live buckets. The rolls are
  // read with the advance (one round trip; commands of one connection run in order), the open
  // buckets the advance named after it; rolls are read again when the advance ran after them (its
  // script had to be loaded). Each key is read with ZRANGE and summed here: a union would cost
  // Redis several times a plain read of its largest key.
  async function advanceAndRead(site: string, path: string, now: number, wanted: Read[]) {
    const page = pagePrefix(site, path);
    const zrange = (keys: string[]) => Promise.all(keys.map((k) => reader.zRangeWithScores(k, 0, -1)));
    const readRolls = () => Promise.all(wanted.map((r) => zrange(rollKeys(page, r))));
    const before = reads.reloads();
    let [[changeTag, , ...open], rolls] = await Promise.all([
      advance(site, path, now, wanted, readAdvanceScript),
      readRolls(),
    ]);
    if (reads.reloads() !== before) rolls = await readRolls();
    const buckets = await Promise.all(open.map((keys) => zrange(keys)));
    const windows = rolls.map((lists, i) => {
      const out = new Map<string, number>();
      for (const list of [...lists, ...(buckets[i] ?? [])])
        for (const m of list) out.set(m.value, (out.get(m.value) ?? 0) + m.score);
      return out;
    });
    return { changeTag, windows };
  }

  async function rawStats(site: string, path: string, window: WindowName, now: number) {
    const w = windowSpec(window);
    const page = pagePrefix(site, path);
    const [
      {
        windows: [counters, scroll],
      },
      visitors,
    ] = await Promise.all([
      advanceAndRead(site, path, now, [
        [COUNTER_SET, ALL_SEG_KEY, window],
        [HEAT_SETS.scroll, ALL_SEG_KEY, window],
      ]),
      reader.pfCount(bucketsIn(now, w).map((b) => visitorsKey(page, w.name, b))),
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

  // One script call commits every queued batch of a page: ids first, then the summed increments.
  const groups = createGroupCommit(async (page, batches): Promise<CommitResult> => {
    const args = recordArgs(batches);
    const [watched, ...known] = (await call('record', () => recordScript([page], args))) as [number, ...string[]];
    return { watched: watched === 1, known };
  });

  return {
    async record(batch: FoldedBatch): Promise<RecordResult> {
      const path = await admit(batch.site, batch.path, batch.now, batch.sid);
      const { duplicate, watched } = await groups.add(pagePrefix(batch.site, path), batch);
      // Ranked also for a duplicate: its first attempt may have landed with its reply lost.
      if (batch.buckets.size) rankQueue.add(batch.site, batch.batchId, path, batch.buckets, batch.now);
      return { duplicate, watched, path };
    },

    async snapshot(q: HeatmapQuery): Promise<Heatmap> {
      const w = windowSpec(q.window);
      const { windows } = await reads.call('snapshot', () =>
        advanceAndRead(q.site, q.path, q.now, [[HEAT_SETS[q.kind], segKey(q.seg), q.window]]),
      );
      return buildHeatmap(
        { ...q, grid },
        { from: windowStart(q.now, w), to: q.now, windowMs: w.ms, members: windows[0]! },
      );
    },

    async stats(q: StatsQuery): Promise<Stats> {
      return buildStats(q, await reads.call('stats', () => rawStats(q.site, q.path, q.window, q.now)));
    },

    async pages(q: PagesQuery): Promise<Pages> {
      await rankQueue.flush(q.site).catch(() => {}); // this process reads its own writes; a failed write stays queued
      const w = windowSpec(q.window);
      // The series of the chosen window, in its level's buckets (5 s for 5 min, 1 min for 1 h, ...).
      const buckets = bucketsIn(q.now, w);
      // One deadline for the whole read, a turn among PAGES_READS_AT_ONCE, and its pages in steps
      // of PAGES_PER_STEP with a yield between them: what one read queues on Redis and holds the
      // event loop for is bounded, so writes keep their turn under any number of heavy reads.
      const t0 = performance.now();
      const { top, series, pages } = await reads.call('pages', () =>
        pagesGate(async () => {
          const [ranking, series] = await Promise.all([
            reader.zUnionWithScores(buckets.map((b) => rankKey(q.site, w.name, b)) as [string, ...string[]]),
            reader.mGet(
              buckets.map((b) => (w.name === '5m' ? eventsKey(q.site, b) : levelEventsKey(q.site, w.name, b))),
            ),
          ]);
          const top = ranking.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1)).slice(0, q.limit);
          const pages: Array<Awaited<ReturnType<typeof rawStats>>> = [];
          for (let i = 0; i < top.length; i += PAGES_PER_STEP) {
            if (i) await new Promise((r) => setImmediate(r));
            // Past the deadline the caller has had its 503: stop rather than finish for nobody.
            if (performance.now() - t0 > readTimeoutMs) throw new Error(`no answer within ${readTimeoutMs} ms`);
            pages.push(
              ...(await Promise.all(
                top.slice(i, i + PAGES_PER_STEP).map((r) => rawStats(q.site, r.value, q.window, q.now)),
              )),
            );
          }
          return { top, series, pages };
        }),
      );
      return {
        site: q.site,
        windowMs: w.ms,
        from: windowStart(q.now, w),
        to: q.now,
        bucketMs: w.bucketMs,
        series: buckets.map((b, i) => [b, Number(series[i] ?? 0)] as [number, number]),
        pages: pages.map((raw, i) => buildStats({ site: q.site, path: top[i]!.value }, raw)),
        sources: siteSources(pages),
      };
    },

    captures: createRedisCaptures({ client, call, script, read: { client: reader, ...reads } }),
    ...createRedisAlerts({
      call,
      script,
      client,
      flushRanks: (site) => rankQueue.flush(site).catch(() => {}),
      readCounters: async (site, path, now) => {
        const { windows } = await advanceAndRead(site, path, now, [
          [COUNTER_SET, ALL_SEG_KEY, '5m'],
          [COUNTER_SET, ALL_SEG_KEY, '1h'],
        ]);
        return [windows[0]!, windows[1]!];
      },
    }),

    views: createRedisViews({
      run: (source, keys, args) => {
        let run = viewScripts.get(source);
        if (!run) viewScripts.set(source, (run = script(source)));
        return call('views', () => run([...keys], args));
      },
      get: (key) => reads.call('views', () => reader.get(key)),
      hGetAll: (key) => reads.call('views', () => reader.hGetAll(key)),
      mGet: (keys) => reads.call('views', () => reader.mGet(keys)),
    }),

    async previous(q: HeatmapQuery) {
      const r = previousRange(q.window, q.now);
      if (!r) return undefined;
      const page = pagePrefix(q.site, q.path);
      const keys = (q.seg === 'all' ? SEGMENTS : [q.seg]).flatMap((seg) =>
        r.buckets.map((b) => bucketKey(page, r.level.name, HEAT_SETS[q.kind], seg, b)),
      );
      const members = new Map<string, number>();
      await reads.call('previous', async () => {
        await advance(q.site, q.path, q.now, [], readAdvanceScript);
        for (const list of await Promise.all(keys.map((k) => reader.zRangeWithScores(k, 0, -1))))
          for (const m of list) members.set(m.value, (members.get(m.value) ?? 0) + m.score);
      });
      return buildHeatmap({ ...q, grid }, { from: r.from, to: r.to, windowMs: r.to - r.from, members });
    },

    advance: (site, path, _window, now) => call('advance', async () => (await advance(site, path, now))[0]),

    async sweep(site, now) {
      await rankQueue.flush(site).catch(() => {}); // pages this process wrote are `known` before the sweep lists them
      // One collector sweeps a site per interval slot; the others find the slot taken.
      const slot = Math.floor(now / SWEEP_MS);
      const mine = await call('sweep', () => client.set(sweepKey(site, slot), '1', { PX: 2 * SWEEP_MS, NX: true }));
      if (mine === null) return;
      // Bounded per call: pages written lately first (their live buckets must cascade before they
      // expire), then the others in turns, `sweepPages` in all.
      const oldest = now - MAX_RETENTION_MS;
      const lately = now - windowSpec('5m').ms - windowSpec('5m').slackMs;
      const recent = await call('sweep', () =>
        client.zRangeByScore(knownKey(site), lately, '+inf', { LIMIT: { offset: 0, count: sweepPages } }),
      );
      let rest: string[] = [];
      if (recent.length < sweepPages) {
        const offset = cursors.get(site) ?? 0;
        rest = await call('sweep', () =>
          client.zRangeByScore(knownKey(site), oldest, `(${lately}`, {
            LIMIT: { offset, count: sweepPages - recent.length },
          }),
        );
        cursors.set(site, rest.length ? offset + rest.length : 0);
      }
      const paths = [...recent, ...rest];
      for (let i = 0; i < paths.length; i += 100) {
        await call('sweep', () => Promise.all(paths.slice(i, i + 100).map((path) => advance(site, path, now))));
      }
      await call('sweep', () => client.zRemRangeByScore(knownKey(site), '-inf', oldest));
    },

    async watch(site, path, ttlMs) {
      await call('watch', () => client.set(watchedKey(pagePrefix(site, path)), '1', { PX: ttlMs }));
    },

    async ping() {
      await call('ping', options.ping);
    },

    // The client belongs to whoever created it (the composition root closes it); queued ranking
    // is written first.
    async close() {
      await rankQueue.close();
    },
  };
}
