import { SEGMENTS, type Heatmap, type Pages, type Stats, type WindowName } from '@heatlens/schema';
import { buildHeatmap, reachByBand, scrollIncrements } from '../core/build-heatmap.js';
import { siteSources } from '../core/build-sources.js';
import { buildStats } from '../core/build-stats.js';
import type { FoldedBatch } from '../core/fold.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS } from '../core/set-names.js';
import { WINDOW_SPECS, bucketOf, windowSpec, windowStart, type WindowSpec } from '../core/windows.js';
import {
  BATCH_ID_TTL_MS,
  MAX_BATCH_IDS_PER_PAGE,
  MAX_SCROLL_SESSIONS_PER_PAGE,
  MAX_TILES_PER_BUCKET,
  MAX_TILES_PER_WINDOW,
  SCROLL_SESSION_TTL_MS,
} from '../core/limits.js';
import { DEFAULT_MAX_KNOWN_PAGES, DEFAULT_MAX_PAGES, createPageAdmission } from './page-cap.js';
import { createMemoryAlertState } from './alert-state-memory.js';
import { previousRange } from './previous-window.js';
import { createMemoryViews } from './views-memory.js';
import { createMemoryCaptures } from './captures-memory.js';
import type {
  AlertCounters,
  AlertFiguresQuery,
  HeatmapQuery,
  PagesQuery,
  RecordResult,
  StatsQuery,
  Store,
} from './types.js';
import { VisitorSketch } from './visitor-sketch.js';
import {
  bump,
  bumpCapped,
  bumpTile,
  getOr,
  isTile,
  prune,
  setKey,
  type Buckets,
  type Counts,
} from './memory-buckets.js';

type PageState = {
  /** `${window}|${set}|${seg}` -> bucket -> member -> count */
  sets: Map<string, Buckets<Counts>>;
  /** `${window}` -> bucket -> distinct sessions (bounded: a HyperLogLog past a few ids, as Redis's PFADD) */
  visitors: Map<string, Buckets<VisitorSketch>>;
  scrollMax: Map<string, { band: number; expires: number }>;
  batches: Map<string, number>;
  version: number;
  watchedUntil: number;
  /** window -> the window start this page was last pruned at */
  prunedAt: Map<string, number>;
};
/** Records between two sweeps of idle pages. */
const SWEEP_EVERY = 1000;

/** `events`: the site's events per bucket of each window's level (the series `pages` answers). */
type SiteState = {
  pages: Map<string, Buckets<Counts>>;
  events: Map<string, Buckets<number>>;
  prunedAt: Map<string, number>;
};

/**
 * The embedded store: same contract and window semantics as Redis, in this process's memory.
 * Buckets are summed at read time (the sets are small) and pruned as they leave their window.
 */
export function createMemoryStore(options: { grid?: number; maxPages?: number; maxKnownPages?: number } = {}): Store {
  const grid = options.grid ?? 50;
  const admission = createPageAdmission({
    maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
    maxKnownPages: options.maxKnownPages ?? DEFAULT_MAX_KNOWN_PAGES,
  });
  const pages = new Map<string, PageState>();
  const sites = new Map<string, SiteState>();
  let records = 0;
  // Forget pages and sites whose every window is empty, so memory stays bounded by live data.
  function sweep(now: number) {
    for (const [key, page] of pages) {
      for (const [id, exp] of page.batches) if (exp <= now) page.batches.delete(id);
      for (const [sid, s] of page.scrollMax) if (s.expires <= now) page.scrollMax.delete(sid);
      for (const [key2, buckets] of page.sets) {
        prune(buckets, now, windowSpec(key2.slice(0, key2.indexOf('|')) as WindowName));
        if (!buckets.size) page.sets.delete(key2);
      }
      if (!page.sets.size && !page.batches.size && page.watchedUntil <= now) pages.delete(key);
    }
    for (const [id, site] of sites) {
      for (const [win, ranking] of site.pages) {
        prune(ranking, now, windowSpec(win as WindowName));
        if (!ranking.size) site.pages.delete(win);
      }
      for (const [name, events] of site.events) prune(events, now, windowSpec(name as WindowName));
      if (!site.pages.size) sites.delete(id);
    }
  }
  const pageOf = (site: string, path: string) =>
    getOr(pages, `${site}|${path}`, () => ({
      sets: new Map(),
      visitors: new Map(),
      scrollMax: new Map(),
      batches: new Map(),
      version: 0,
      watchedUntil: 0,
      prunedAt: new Map(),
    }));

  function sumSets(
    page: PageState | undefined,
    w: WindowSpec,
    set: string,
    segs: readonly string[],
    now: number,
  ): Counts {
    const out: Counts = new Map();
    if (!page) return out;
    const start = windowStart(now, w);
    for (const seg of segs) {
      const buckets = page.sets.get(`${w.name}|${set}|${seg}`);
      if (!buckets) continue;
      for (const [b, counts] of buckets) if (b >= start && b <= now) for (const [m, n] of counts) bump(out, m, n);
    }
    return out;
  }

  function rawStats(page: PageState | undefined, w: WindowSpec, now: number) {
    const sessions = new VisitorSketch();
    const start = windowStart(now, w);
    for (const [b, sketch] of page?.visitors.get(w.name) ?? []) if (b >= start) sessions.merge(sketch);
    return {
      from: start,
      to: now,
      windowMs: w.ms,
      counters: sumSets(page, w, COUNTER_SET, [ALL_SEG_KEY], now),
      visitors: sessions.count(),
      reach: reachByBand(sumSets(page, w, HEAT_SETS.scroll, SEGMENTS, now), grid),
    };
  }

  const store: Store = {
    async record(folded: FoldedBatch): Promise<RecordResult> {
      const { now } = folded;
      // Page admission (page-cap.ts): known pages first, then new paths up to the cap, else `(other)`.
      const path = admission.admit(folded.site, folded.path, now, folded.sid);
      const batch = path === folded.path ? folded : { ...folded, path };
      const page = pageOf(batch.site, batch.path);
      // Ids expire in the order they were added (one TTL): stop at the first one still live.
      for (const [id, exp] of page.batches) {
        if (exp > now) break;
        page.batches.delete(id);
      }
      const watched = page.watchedUntil > now;
      if (page.batches.has(batch.batchId)) return { duplicate: true, watched, path: batch.path };
      page.batches.set(batch.batchId, now + BATCH_ID_TTL_MS);
      if (page.batches.size > MAX_BATCH_IDS_PER_PAGE) page.batches.delete(page.batches.keys().next().value!);

      const items: Array<{ b: number; set: string; member: string; n: number }> = [...batch.items];
      if (batch.scroll) {
        // A session moves from its previous deepest band to the new one (see build-heatmap.ts).
        const prev = page.scrollMax.get(batch.sid);
        const prevBand = prev && prev.expires > now ? prev.band : -1;
        for (const [member, n] of scrollIncrements(prevBand, batch.scroll.band))
          items.push({ b: batch.scroll.b, set: HEAT_SETS.scroll, member, n });
        // Re-inserted so the map stays in order of last scroll: the first entry goes past the bound.
        page.scrollMax.delete(batch.sid);
        page.scrollMax.set(batch.sid, {
          band: Math.max(prevBand, batch.scroll.band),
          expires: now + SCROLL_SESSION_TTL_MS,
        });
        if (page.scrollMax.size > MAX_SCROLL_SESSIONS_PER_PAGE)
          page.scrollMax.delete(page.scrollMax.keys().next().value!);
      }
      const site = getOr(sites, batch.site, () => ({ pages: new Map(), events: new Map(), prunedAt: new Map() }));
      for (const w of WINDOW_SPECS) {
        const start = windowStart(now, w);
        for (const item of items) {
          const b = bucketOf(item.b, w.bucketMs);
          if (b < start) continue;
          const buckets = getOr(
            page.sets,
            setKey(w.name, item.set, item.set === COUNTER_SET ? ALL_SEG_KEY : batch.seg),
            () => new Map(),
          );
          if ((item.set === HEAT_SETS.move || item.set === HEAT_SETS.click) && isTile(item.member)) {
            const cap = w === WINDOW_SPECS[0] ? MAX_TILES_PER_BUCKET : MAX_TILES_PER_WINDOW;
            if (!bumpTile(buckets, b, item.member, item.n, cap, 2 * MAX_TILES_PER_WINDOW)) {
              // Counted as the page's dropped tiles, as the Redis store does.
              const counters = getOr(page.sets, setKey(w.name, COUNTER_SET, ALL_SEG_KEY), () => new Map());
              bump(
                getOr(counters, bucketOf(now, w.bucketMs), () => new Map()),
                'tdrop',
                item.n,
              );
            }
            continue;
          }
          bumpCapped(
            getOr(buckets, b, () => new Map()),
            item.member,
            item.n,
          );
        }
        const visitors = getOr(page.visitors, w.name, () => new Map());
        const ranking = getOr(site.pages, w.name, () => new Map());
        for (const [b0, n] of batch.buckets) {
          const b = bucketOf(b0, w.bucketMs);
          if (b < start) continue;
          getOr(visitors, b, () => new VisitorSketch()).add(batch.sid);
          bump(
            getOr(ranking, b, () => new Map()),
            batch.path,
            n,
          );
          const events = getOr(site.events, w.name, () => new Map());
          events.set(b, (events.get(b) ?? 0) + n);
        }
        // Prune only when the window's start moved: a record is then a handful of map updates.
        if (page.prunedAt.get(w.name) !== start) {
          page.prunedAt.set(w.name, start);
          for (const [key, buckets] of page.sets) if (key.startsWith(`${w.name}|`)) prune(buckets, now, w);
          prune(visitors, now, w);
        }
        if (site.prunedAt.get(w.name) !== start) {
          site.prunedAt.set(w.name, start);
          prune(ranking, now, w);
          prune(site.events.get(w.name) ?? new Map(), now, w);
        }
      }
      page.version++;
      if (++records % SWEEP_EVERY === 0) sweep(now);
      return { duplicate: false, watched, path: batch.path };
    },

    async snapshot(q: HeatmapQuery): Promise<Heatmap> {
      const w = windowSpec(q.window);
      const page = pages.get(`${q.site}|${q.path}`);
      const segs = q.seg === 'all' ? SEGMENTS : [q.seg];
      const members = sumSets(page, w, HEAT_SETS[q.kind], segs, q.now);
      return buildHeatmap({ ...q, grid }, { from: windowStart(q.now, w), to: q.now, windowMs: w.ms, members });
    },

    async stats(q: StatsQuery): Promise<Stats> {
      return buildStats(q, rawStats(pages.get(`${q.site}|${q.path}`), windowSpec(q.window), q.now));
    },

    async pages(q: PagesQuery): Promise<Pages> {
      const w = windowSpec(q.window);
      const site = sites.get(q.site);
      const start = windowStart(q.now, w);
      const ranking: Counts = new Map();
      for (const [b, counts] of site?.pages.get(w.name) ?? [])
        if (b >= start) for (const [p, n] of counts) bump(ranking, p, n);
      const top = [...ranking].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, q.limit);
      // The series of the chosen window, in its level's buckets (5 s for 5 min, 1 min for 1 h, ...).
      const events = site?.events.get(w.name);
      const series: Array<[number, number]> = [];
      for (let b = start; b <= q.now; b += w.bucketMs) series.push([b, events?.get(b) ?? 0]);
      const raws = top.map(([path]) => rawStats(pages.get(`${q.site}|${path}`), w, q.now));
      return {
        site: q.site,
        windowMs: w.ms,
        from: start,
        to: q.now,
        bucketMs: w.bucketMs,
        series,
        pages: raws.map((raw, i) => buildStats({ site: q.site, path: top[i]![0] }, raw)),
        sources: siteSources(raws),
      };
    },

    async alertFigures(q: AlertFiguresQuery): Promise<AlertCounters[]> {
      const hour = windowSpec('1h');
      const start = windowStart(q.now, hour);
      const ranking: Counts = new Map();
      for (const [b, counts] of sites.get(q.site)?.pages.get('1h') ?? [])
        if (b >= start) for (const [p, n] of counts) bump(ranking, p, n);
      const top = [...ranking].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, q.limit);
      return top.map(([path]) => {
        const page = pages.get(`${q.site}|${path}`);
        return {
          path,
          live: [...sumSets(page, windowSpec('5m'), COUNTER_SET, [ALL_SEG_KEY], q.now)],
          hour: [...sumSets(page, hour, COUNTER_SET, [ALL_SEG_KEY], q.now)],
        };
      });
    },

    alerts: createMemoryAlertState(),
    views: createMemoryViews(),

    async previous(q: HeatmapQuery) {
      const r = previousRange(q.window, q.now);
      if (!r) return undefined;
      const page = pages.get(`${q.site}|${q.path}`);
      const members: Counts = new Map();
      for (const seg of q.seg === 'all' ? SEGMENTS : [q.seg])
        for (const b of r.buckets)
          for (const [m, n] of page?.sets.get(setKey(r.level.name, HEAT_SETS[q.kind], seg))?.get(b) ?? [])
            bump(members, m, n);
      return buildHeatmap({ ...q, grid }, { from: r.from, to: r.to, windowMs: r.to - r.from, members });
    },
    captures: createMemoryCaptures(),

    async advance(site, path, window, now) {
      const page = pages.get(`${site}|${path}`);
      return `${page?.version ?? 0}:${windowStart(now, windowSpec(window))}`;
    },

    async sweep(_site, now) {
      sweep(now);
    },

    async watch(site, path, ttlMs, now) {
      const page = pageOf(site, path);
      page.watchedUntil = Math.max(page.watchedUntil, now + ttlMs);
    },

    async ping() {},
    async close() {
      pages.clear();
      sites.clear();
    },
  };
  return store;
}
