import { windowSpec, windowStart } from '../core/windows.js';
import type { FoldedBatch } from '../core/fold.js';
import { DEFAULT_MAX_KNOWN_PAGES, DEFAULT_MAX_PAGES, createPageAdmission, type PageLimits } from './page-cap.js';
import { createMemoryAlertState } from './alert-state-memory.js';
import { createMemoryViews } from './views-memory.js';
import { createMemoryCaptures } from './captures-memory.js';
import { createMemoryReads } from './memory-reads.js';
import { recordMemory } from './memory-record.js';
import { pageOf, sweepState, type PageState, type SiteState } from './memory-state.js';
import { memoryWindowChanges } from './memory-window-changes.js';
import type { RecordResult, Store } from './types.js';
import { defaultRetention, type RetentionOf } from '../core/retention.js';
import { dropUnkeptMemory } from './drop-unkept-memory.js';

/** Records between two sweeps of idle pages. */
const SWEEP_EVERY = 1000;

/**
 * The embedded store: same contract and window semantics as Redis, in this process's memory.
 * Buckets are summed at read time (the sets are small) and pruned as they leave their window;
 * writes in memory-record.ts, reads in memory-reads.ts, state and sweep in memory-state.ts.
 */
export function createMemoryStore(
  options: {
    grid?: number;
    maxPages?: number;
    maxKnownPages?: number;
    /** a site's own page bounds, else `maxPages` and `maxKnownPages` */
    pageLimits?: (site: string) => PageLimits | undefined;
    /** a site's `retentionDays` (core/retention.ts): the windows it keeps; default 30 for every site */
    retentionOf?: RetentionOf;
  } = {},
): Store {
  const grid = options.grid ?? 50;
  const retentionOf = options.retentionOf ?? defaultRetention;
  const admission = createPageAdmission({
    maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
    maxKnownPages: options.maxKnownPages ?? DEFAULT_MAX_KNOWN_PAGES,
    of: options.pageLimits,
  });
  const pages = new Map<string, PageState>();
  const sites = new Map<string, SiteState>();
  let records = 0;

  return {
    async record(folded: FoldedBatch): Promise<RecordResult> {
      // Page admission (page-cap.ts): known pages first, then new paths up to the cap, else `(other)`.
      const page = admission.admit(folded.site, folded.page, folded.now, folded.sid);
      const result = recordMemory(pages, sites, page === folded.page ? folded : { ...folded, page }, retentionOf);
      if (!result.duplicate && ++records % SWEEP_EVERY === 0) sweepState(pages, sites, folded.now);
      return result;
    },

    ...createMemoryReads(pages, sites, grid, retentionOf),

    async windowChanges(q, since) {
      return memoryWindowChanges(pages.get(`${q.site}|${q.page}`), q, since);
    },

    alerts: createMemoryAlertState(),
    views: createMemoryViews(),
    captures: createMemoryCaptures(),

    async advance(site, page, window, now) {
      const state = pages.get(`${site}|${page}`);
      return `${state?.version ?? 0}:${windowStart(now, windowSpec(window))}`;
    },

    async sweep(_site, now) {
      sweepState(pages, sites, now);
    },

    async dropUnkept(site) {
      return dropUnkeptMemory(pages, sites.get(site), site, retentionOf(site));
    },

    async watch(site, page, ttlMs, now) {
      const state = pageOf(pages, site, page);
      state.watchedUntil = Math.max(state.watchedUntil, now + ttlMs);
    },

    async ping() {},
    async close() {
      pages.clear();
      sites.clear();
    },
  };
}
