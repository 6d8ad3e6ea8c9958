import { SEGMENTS, type WindowName } from '@heatlens/schema';
import { reachByBand } from '../core/build-heatmap.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS } from '../core/set-names.js';
import { windowSpec, windowStart, type WindowSpec } from '../core/windows.js';
import { GONE_MS } from '../core/limits.js';
import { bump, getOr, prune, type Buckets, type Counts } from './memory-buckets.js';
import { VisitorSketch } from './visitor-sketch.js';

// The in-memory store's state (memory.ts): pages and sites, what reads sum, and the sweep that
// forgets what left every window.

/** A bucket that left its window, kept GONE_MS for `windowChanges` (memory-window-changes.ts). */
export type GoneBucket = { b: number; counts: Counts; at: number };

export type PageState = {
  /** `${window}|${set}|${seg}` -> bucket -> member -> count */
  sets: Map<string, Buckets<Counts>>;
  /** `${window}` -> bucket -> distinct sessions (bounded: a HyperLogLog past a few ids, as Redis's PFADD) */
  visitors: Map<string, Buckets<VisitorSketch>>;
  scrollMax: Map<string, { band: number; expires: number }>;
  batches: Map<string, number>;
  /** records written; a bucket remembers the version that last wrote it (`written`) */
  version: number;
  /** which page state this is: a page forgotten and written again is another */
  epoch: number;
  watchedUntil: number;
  /** window -> the window start this page was last pruned at */
  prunedAt: Map<string, number>;
  /** set key -> buckets pruned in the last GONE_MS */
  gone: Map<string, GoneBucket[]>;
};

/** `events`: the site's events per bucket of each window's level (the series `pages` answers). */
export type SiteState = {
  pages: Map<string, Buckets<Counts>>;
  events: Map<string, Buckets<number>>;
  prunedAt: Map<string, number>;
};

/** The version of the record that last wrote each bucket. */
export const written = new WeakMap<Counts, number>();

let epochs = 0;
/** A fresh page state. */
export const newPage = (): PageState => ({
  sets: new Map(),
  visitors: new Map(),
  scrollMax: new Map(),
  batches: new Map(),
  version: 0,
  epoch: ++epochs,
  watchedUntil: 0,
  prunedAt: new Map(),
  gone: new Map(),
});

/** Prune a page's set at `now`, keeping what leaves (and forgetting what left GONE_MS ago). */
export function prunePageSet(page: PageState, key: string, buckets: Buckets<Counts>, now: number, w: WindowSpec) {
  let gone = page.gone.get(key);
  if (gone?.length && gone[0]!.at < now - GONE_MS) gone = gone.filter((g) => g.at >= now - GONE_MS);
  prune(buckets, now, w, (b, counts) => (gone ??= []).push({ b, counts, at: now }));
  if (gone?.length) page.gone.set(key, gone);
  else page.gone.delete(key);
}

/** The members of a set summed over the window's buckets at `now`, for the given segments. */
export function sumSets(
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

/** A page's raw numbers over a window (build-stats.ts). */
export function rawStats(page: PageState | undefined, w: WindowSpec, now: number, grid: number) {
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

/** Forget pages and sites whose every window is empty, so memory stays bounded by live data. */
export function sweepState(pages: Map<string, PageState>, sites: Map<string, SiteState>, now: number) {
  for (const [key, page] of pages) {
    for (const [id, exp] of page.batches) if (exp <= now) page.batches.delete(id);
    for (const [sid, s] of page.scrollMax) if (s.expires <= now) page.scrollMax.delete(sid);
    for (const [key2, buckets] of page.sets) {
      prunePageSet(page, key2, buckets, now, windowSpec(key2.slice(0, key2.indexOf('|')) as WindowName));
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

/** The page state of (site, page), made when absent. */
export const pageOf = (pages: Map<string, PageState>, site: string, page: string) =>
  getOr(pages, `${site}|${page}`, newPage);
