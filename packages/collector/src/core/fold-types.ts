import type { Segment } from '@heatlens/schema';
import type { COUNTER_SET, HEAT_SETS } from './set-names.js';

// What a fold produces, apart from the fold itself, so its parts (fold-families.ts, fold-increments.ts)
// name these types without importing the fold.

/**
 * Sets an increment can land in: a heatmap kind's tiles (per width segment, layout-versioned, see
 * keys.ts) or `c`, the page's counters.
 */
export type FoldSet = typeof HEAT_SETS.move | typeof HEAT_SETS.click | typeof COUNTER_SET;

/** One coalesced increment: every event of a batch with the same bucket, set and member. */
export type FoldItem = { b: number; set: FoldSet; member: string; n: number };

/** A validated batch reduced to what the store writes, on the server's clock. */
export type FoldedBatch = {
  site: string;
  /** the page: `SiteRegistry.routeOf` of the path (the matching route template, or the path) */
  page: string;
  batchId: string;
  sid: string;
  seg: Segment;
  now: number;
  /** coalesced increments, in runs of the same bucket and set */
  items: FoldItem[];
  /** the session's deepest scroll in this batch: depth band and the base bucket it happened in */
  scroll: { b: number; band: number } | undefined;
  /** base buckets that received events, with how many */
  buckets: Map<number, number>;
  /** events folded */
  accepted: number;
  /** events older than the longest retention */
  tooOld: number;
};

/** Who the site is, for telling a referrer from internal navigation (sources.ts). */
export type FoldSite = {
  /** the site's own hosts, from its origins (`ownHosts`) */
  own: ReadonlySet<string>;
  /** the writing page's host (from the request's Origin), `www.` folded */
  pageHost?: string | undefined;
  /** ms of history the site keeps (`retentionMs`): older events are dropped; default every window's */
  retentionMs?: number;
};
