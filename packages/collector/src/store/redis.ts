import { createHash } from 'node:crypto';
import { type Heatmap, type Pages, type Stats, type WindowName } from '@heatlens/schema';
import { buildHeatmap, reachByBand } from '../build-heatmap.js';
import { buildStats } from '../build-stats.js';
import type { FoldedBatch } from '../fold.js';
import { COUNTER_SET, HEAT_SETS, pageKey, rollKey, siteKey } from '../keys.js';
import { MAX_RETENTION_MS, SWEEP_MS, WINDOW_SPECS, bucketsIn, windowSpec, windowStart } from '../windows.js';
import { BATCH_ID_TTL_MS, SCROLL_SESSION_TTL_MS } from './limits.js';
import { ADMIT_PAGE_LUA } from './lua/admit-page.js';
import { ADVANCE_LUA } from './lua/advance.js';
import { DEFAULT_MAX_PAGES, OTHER_PAGE, PAGE_CAP_BUCKET_MS, createAdmittedPages } from './page-cap.js';
import { RECORD_LUA, SITE_LUA } from './lua/record.js';
import { createRankQueue } from './rank-queue.js';
import { createRedisAlertState } from '../alerts/state-redis.js';
import { StoreUnavailableError, type AlertCounters, type AlertFiguresQuery, type HeatmapQuery, type PagesQuery, type RecordResult, type StatsQuery, type Store } from './types.js';

type EvalOptions = { keys: string[]; arguments: string[] };
/**
 * The commands the store uses: a node-redis client or cluster (`createClient`, `createCluster`)
 * both fit. The store is handed a connected client and never opens connections itself.
 */
export type RedisLike = {
  evalSha(sha: string, options: EvalOptions): Promise<unknown>;
  eval(script: string, options: EvalOptions): Promise<unknown>;
  zRangeWithScores(key: string, start: number, stop: number): Promise<Array<{ value: string; score: number }>>;
  zUnionWithScores(keys: [string, ...string[]]): Promise<Array<{ value: string; score: number }>>;
  pfCount(keys: string[]): Promise<number>;
  mGet(keys: string[]): Promise<Array<string | null>>;
  set(key: string, value: string, options: { PX: number; NX?: boolean }): Promise<string | null | unknown>;
  zRangeByScore(key: string, min: number | string, max: number | string): Promise<string[]>;
  zRemRangeByScore(key: string, min: number | string, max: number | string): Promise<unknown>;
  hVals(key: string): Promise<string[]>;
  lRange(key: string, start: number, stop: number): Promise<string[]>;
};

export type RedisStoreOptions = {
  /** a connected node-redis client or cluster */
  client: RedisLike;
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
  /** distinct pages per site per 5-minute bucket; further new paths count as `(other)`; default 1000 */
  maxPages?: number;
};

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
// The window levels as the Lua scripts read them (levels.ts): count, then (name, bucketMs, buckets, slackMs).
const LEVEL_ARGS = [String(WINDOW_SPECS.length), ...WINDOW_SPECS.flatMap((w) => [w.name, String(w.bucketMs), String(w.buckets), String(w.slackMs)])];
/** Rolling keys whose union is a window: its own level's and every shorter one's. */
const rollsOf = (page: string, window: WindowName, set: string, seg: string) =>
  WINDOW_SPECS.slice(0, WINDOW_SPECS.findIndex((w) => w.name === window) + 1).map((w) => rollKey(page, w.name, set, seg)) as [string, ...string[]];
const pairs = (members: Array<{ value: string; score: number }>) => members.map((m) => [m.value, m.score] as [string, number]);
const isNoScript = (e: unknown) => e instanceof Error && e.message.startsWith('NOSCRIPT');

/**
 * Redis (or Redis Cluster) store. Each batch is one Lua call on its page's hash tag that checks
 * the batch id and writes every window's buckets and rolling keys; reads advance the rolling key
 * (one Lua call) and read one small key, so a snapshot costs the same for any window length.
 */
export function createRedisStore(options: RedisStoreOptions): Store {
  const { client, grid = 50, timeoutMs = 1000, maxPages = DEFAULT_MAX_PAGES } = options;
  const observe = options.observe ?? (() => {});

  // A call past its deadline is abandoned, not cancelled: a write may still land later. That is
  // safe because the edge answers 503 and the SDK retries with the same batch id, which dedupes.
  async function call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([fn(), deadline]);
    } catch (e) {
      throw new StoreUnavailableError(`redis ${op} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    } finally {
      clearTimeout(timer);
      observe(op, (performance.now() - t0) / 1000);
    }
  }

  // EVALSHA, loading the script with EVAL when the server does not know it (first use, restart,
  // failover to a replica without the script cache).
  const script = (source: string) => {
    const sha = sha1(source);
    return async (keys: string[], args: string[]) => {
      try {
        return await client.evalSha(sha, { keys, arguments: args });
      } catch (e) {
        if (!isNoScript(e)) throw e;
        return client.eval(source, { keys, arguments: args });
      }
    };
  };
  const recordScript = script(RECORD_LUA);
  const siteScript = script(SITE_LUA);
  const rankQueue = createRankQueue({
    write: (site, now, batches) => call('rank', () => siteScript([siteKey(site)], [String(now), String(BATCH_ID_TTL_MS), ...LEVEL_ARGS, ...batches])),
  });
  const advanceScript = script(ADVANCE_LUA);
  const admitScript = script(ADMIT_PAGE_LUA);
  const admitted = createAdmittedPages();

  // The page cap, checked in its own step before the page write: the set of a site's pages lives
  // under the site's hash tag and the page's keys under the page's, which may be another node.
  async function admit(site: string, path: string, now: number): Promise<string> {
    const known = admitted.at(site, now);
    if (known.has(path)) return path;
    const key = `${siteKey(site)}:pg:${admitted.bucketOf(now)}`;
    const page = (await call('admit', () => admitScript([key], [path, String(maxPages), String(2 * PAGE_CAP_BUCKET_MS), OTHER_PAGE]))) as string;
    if (page === path) known.add(path);
    return page;
  }

  // Every level advances at once: a longer window is the union of the shorter levels' rolls.
  const advance = (site: string, path: string, now: number) => advanceScript([pageKey(site, path)], [String(now), ...LEVEL_ARGS]) as Promise<string>;
  // One key for the live window (ZRANGE); a union of a few small keys for the longer ones.
  const readRolls = (keys: [string, ...string[]]) => (keys.length === 1 ? client.zRangeWithScores(keys[0], 0, -1) : client.zUnionWithScores(keys));

  async function rawStats(site: string, path: string, window: WindowName, now: number) {
    const w = windowSpec(window);
    const page = pageKey(site, path);
    const [, counters, scroll, visitors] = await Promise.all([
      advance(site, path, now),
      readRolls(rollsOf(page, window, COUNTER_SET, 'a')),
      readRolls(rollsOf(page, window, HEAT_SETS.scroll, 'a')),
      client.pfCount(bucketsIn(now, w).map((b) => `${page}:${w.name}:u:${b}`)),
    ]);
    return {
      from: windowStart(now, w),
      to: now,
      windowMs: w.ms,
      counters: pairs(counters),
      visitors,
      reach: reachByBand(pairs(scroll), grid),
    };
  }

  return {
    async record(batch: FoldedBatch): Promise<RecordResult> {
      const path = await admit(batch.site, batch.path, batch.now);
      const args = [
        String(batch.now), batch.batchId, batch.sid, batch.seg,
        String(batch.scroll?.band ?? -1), String(batch.scroll?.b ?? 0),
        String(BATCH_ID_TTL_MS), String(SCROLL_SESSION_TTL_MS), ...LEVEL_ARGS,
      ];
      // Items come in runs of the same (bucket, set) (fold.ts): one group each, so the script
      // builds each key name once per group.
      let head = -1;
      for (let i = 0; i < batch.items.length; i++) {
        const it = batch.items[i]!;
        const prev = batch.items[i - 1];
        if (!prev || prev.b !== it.b || prev.set !== it.set) {
          if (head >= 0) args[head] = String((args.length - head - 1) / 2);
          args.push(String(it.b), it.set, '');
          head = args.length - 1;
        }
        args.push(it.member, String(it.n));
      }
      if (head >= 0) args[head] = String((args.length - head - 1) / 2);
      const [dup, watched] = (await call('record', () => recordScript([pageKey(batch.site, path)], args))) as [number, number];
      // Ranked also for a duplicate: its first attempt may have landed with its reply lost.
      if (batch.buckets.size) rankQueue.add(batch.site, batch.batchId, path, batch.buckets, batch.now);
      return { duplicate: dup === 1, watched: watched === 1, path };
    },

    async snapshot(q: HeatmapQuery): Promise<Heatmap> {
      const w = windowSpec(q.window);
      const [, members] = await call('snapshot', () =>
        Promise.all([advance(q.site, q.path, q.now), readRolls(rollsOf(pageKey(q.site, q.path), q.window, HEAT_SETS[q.kind], q.seg === 'all' ? 'a' : q.seg))]),
      );
      return buildHeatmap({ ...q, grid }, { from: windowStart(q.now, w), to: q.now, windowMs: w.ms, members: pairs(members) });
    },

    async stats(q: StatsQuery): Promise<Stats> {
      return buildStats(q, await call('stats', () => rawStats(q.site, q.path, q.window, q.now)));
    },

    async pages(q: PagesQuery): Promise<Pages> {
      await rankQueue.flush(q.site).catch(() => {}); // this process reads its own writes; a failed write stays queued
      const w = windowSpec(q.window);
      const live = windowSpec('5m');
      const sk = siteKey(q.site);
      const liveBuckets = bucketsIn(q.now, live);
      const [ranking, series] = await call('pages', () =>
        Promise.all([
          client.zUnionWithScores(bucketsIn(q.now, w).map((b) => `${sk}:p:${w.name}:${b}`) as [string, ...string[]]),
          client.mGet(liveBuckets.map((b) => `${sk}:ev:${b}`)),
        ]),
      );
      const top = ranking.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1)).slice(0, q.limit);
      const pages = await call('stats', () => Promise.all(top.map((r) => rawStats(q.site, r.value, q.window, q.now))));
      return {
        site: q.site,
        windowMs: w.ms,
        from: windowStart(q.now, w),
        to: q.now,
        bucketMs: live.bucketMs,
        series: liveBuckets.map((b, i) => [b, Number(series[i] ?? 0)] as [number, number]),
        pages: pages.map((raw, i) => buildStats({ site: q.site, path: top[i]!.value }, raw)),
      };
    },

    // The alert rules' read: the hour's page ranking, then per page the live window's counters
    // (one key) and the hour's (two), each page advanced as a snapshot would.
    async alertFigures(q: AlertFiguresQuery): Promise<AlertCounters[]> {
      await rankQueue.flush(q.site).catch(() => {});
      const sk = siteKey(q.site);
      const ranking = await call('alerts', () => client.zUnionWithScores(bucketsIn(q.now, windowSpec('1h')).map((b) => `${sk}:p:1h:${b}`) as [string, ...string[]]));
      const top = ranking.sort((a, b) => b.score - a.score || (a.value < b.value ? -1 : 1)).slice(0, q.limit);
      return call('alerts', () =>
        Promise.all(
          top.map(async ({ value: path }) => {
            const page = pageKey(q.site, path);
            const [, live, hour] = await Promise.all([advance(q.site, path, q.now), readRolls(rollsOf(page, '5m', COUNTER_SET, 'a')), readRolls(rollsOf(page, '1h', COUNTER_SET, 'a'))]);
            return { path, live: pairs(live), hour: pairs(hour) };
          }),
        ),
      );
    },

    alerts: (() => {
      const runners = new Map<string, ReturnType<typeof script>>();
      const state = createRedisAlertState({
        run: (source, keys, args) => {
          let run = runners.get(source);
          if (!run) runners.set(source, (run = script(source)));
          return run(keys, args);
        },
        hVals: (key) => client.hVals(key),
        lRange: (key, start, stop) => client.lRange(key, start, stop),
      });
      return {
        open: (...a) => call('alerts', () => state.open(...a)),
        close: (...a) => call('alerts', () => state.close(...a)),
        list: (site) => call('alerts', () => state.list(site)),
      };
    })(),

    advance: (site, path, _window, now) => call('advance', () => advance(site, path, now)),

    async sweep(site, now) {
      const sk = siteKey(site);
      await rankQueue.flush(site).catch(() => {}); // pages this process wrote are `known` before the sweep lists them
      // One collector sweeps a site per interval slot; the others find the slot taken.
      const slot = Math.floor(now / SWEEP_MS);
      const mine = await call('sweep', () => client.set(`${sk}:sweep:${slot}`, '1', { PX: 2 * SWEEP_MS, NX: true }));
      if (mine === null) return;
      const oldest = now - MAX_RETENTION_MS;
      const paths = await call('sweep', () => client.zRangeByScore(`${sk}:known`, oldest, '+inf'));
      for (let i = 0; i < paths.length; i += 100) {
        await call('sweep', () => Promise.all(paths.slice(i, i + 100).map((path) => advance(site, path, now))));
      }
      await call('sweep', () => client.zRemRangeByScore(`${sk}:known`, '-inf', oldest));
    },

    async watch(site, path, ttlMs) {
      await call('watch', () => client.set(`${pageKey(site, path)}:w`, '1', { PX: ttlMs }));
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
