import { SEGMENTS, type Heatmap, type Pages, type Stats } from '@heatlens/schema';
import { buildHeatmap } from '../core/build-heatmap.js';
import { siteSources } from '../core/build-sources.js';
import { buildStats } from '../core/build-stats.js';
import { COUNTER_SET, ALL_SEG_KEY, HEAT_SETS } from '../core/set-names.js';
import { windowSpec, windowStart } from '../core/windows.js';
import { bump, setKey, type Counts } from './memory-buckets.js';
import { rawStats, sumSets, type PageState, type SiteState } from './memory-state.js';
import { previousRange } from './previous-window.js';
import { pacedSteps } from './paced-steps.js';
import { createReadGate } from './read-gate.js';
import { defaultRetention, levelsFor, type RetentionOf } from '../core/retention.js';
import type { AlertCounters, AlertFiguresQuery, HeatmapQuery, PagesQuery, StatsQuery } from './types.js';

/** Pages summed per step of a `pages` read (up to 500). */
const PAGES_PER_STEP = 10;

/** A site's pages by events over a window from `start`, most first (then by path), up to `limit`. */
function ranked(site: SiteState | undefined, window: string, start: number, limit: number) {
  const ranking: Counts = new Map();
  for (const [b, counts] of site?.pages.get(window) ?? [])
    if (b >= start) for (const [p, n] of counts) bump(ranking, p, n);
  return [...ranking].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
}

/**
 * The memory store's reads (memory.ts): buckets summed at read time over the window at `now`
 * (the sets are small), with the same answers as the Redis store.
 */
export function createMemoryReads(
  pages: Map<string, PageState>,
  sites: Map<string, SiteState>,
  grid: number,
  /** a site's `retentionDays`: the windows it keeps (core/retention.ts) */
  retentionOf: RetentionOf = defaultRetention,
) {
  const pageAt = (site: string, page: string) => pages.get(`${site}|${page}`);
  // One `pages` read at a time, so paced reads side by side do not add up to the whole process.
  const pagesGate = createReadGate(1, Infinity);
  return {
    async snapshot(q: HeatmapQuery): Promise<Heatmap> {
      const w = windowSpec(q.window);
      const segs = q.seg === 'all' ? SEGMENTS : [q.seg];
      const members = sumSets(pageAt(q.site, q.page), w, HEAT_SETS[q.kind], segs, q.now);
      return buildHeatmap({ ...q, grid }, { from: windowStart(q.now, w), to: q.now, windowMs: w.ms, members });
    },

    async stats(q: StatsQuery): Promise<Stats> {
      return buildStats(q, rawStats(pageAt(q.site, q.page), windowSpec(q.window), q.now, grid));
    },

    async pages(q: PagesQuery): Promise<Pages> {
      const w = windowSpec(q.window);
      const site = sites.get(q.site);
      const start = windowStart(q.now, w);
      const top = ranked(site, w.name, start, q.limit);
      // The series of the chosen window, in its level's buckets (5 s for 5 min, 1 min for 1 h, ...).
      const events = site?.events.get(w.name);
      const series: Array<[number, number]> = [];
      for (let b = start; b <= q.now; b += w.bucketMs) series.push([b, events?.get(b) ?? 0]);
      // In paced steps (paced-steps.ts): no one stretch of the event loop sums 500 pages' buckets.
      const built = await pagesGate(() =>
        pacedSteps(top, {
          size: PAGES_PER_STEP,
          step: (chunk) =>
            chunk.map(([page]) => {
              const raw = rawStats(pageAt(q.site, page), w, q.now, grid);
              return { raw, stats: buildStats({ site: q.site, page }, raw) };
            }),
        }),
      );
      return {
        site: q.site,
        windowMs: w.ms,
        from: start,
        to: q.now,
        bucketMs: w.bucketMs,
        series,
        pages: built.map((p) => p.stats),
        sources: siteSources(built.map((p) => p.raw)),
      };
    },

    async alertFigures(q: AlertFiguresQuery): Promise<AlertCounters[]> {
      const hour = windowSpec('1h');
      const top = ranked(sites.get(q.site), '1h', windowStart(q.now, hour), q.limit);
      return top.map(([page]) => {
        const state = pageAt(q.site, page);
        return {
          page,
          live: [...sumSets(state, windowSpec('5m'), COUNTER_SET, [ALL_SEG_KEY], q.now)],
          hour: [...sumSets(state, hour, COUNTER_SET, [ALL_SEG_KEY], q.now)],
        };
      });
    },

    async previous(q: HeatmapQuery) {
      const r = previousRange(q.window, q.now, levelsFor(retentionOf(q.site)));
      if (!r) return undefined;
      const state = pageAt(q.site, q.page);
      const members: Counts = new Map();
      for (const seg of q.seg === 'all' ? SEGMENTS : [q.seg])
        for (const b of r.buckets)
          for (const [m, n] of state?.sets.get(setKey(r.level.name, HEAT_SETS[q.kind], seg))?.get(b) ?? [])
            bump(members, m, n);
      return buildHeatmap({ ...q, grid }, { from: r.from, to: r.to, windowMs: r.to - r.from, members });
    },
  };
}
