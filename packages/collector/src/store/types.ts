import type { Heatmap, Kind, Pages, SegmentFilter, Stats, WindowName } from '@heatlens/schema';
import type { FoldedBatch } from '../fold.js';

/** What recording a batch did. */
export type RecordResult = {
  /** the batch id was seen before: nothing was written */
  duplicate: boolean;
  /** an owner watches this page now (the SDK should flush often) */
  watched: boolean;
  /** the page the batch was counted under: its own, or `(other)` past the site's page cap */
  path: string;
};

export type HeatmapQuery = { site: string; path: string; kind: Kind; seg: SegmentFilter; window: WindowName; now: number };
export type StatsQuery = { site: string; path: string; window: WindowName; now: number };
export type PagesQuery = { site: string; window: WindowName; now: number; limit: number };

/**
 * The store contract. Memory, Redis and Redis Cluster implement it with the same window
 * semantics; one contract suite (`describeStore`) runs against each.
 */
export interface Store {
  /** Write a folded batch atomically, at most once per batch id. Resolves after the store has it. */
  record(batch: FoldedBatch): Promise<RecordResult>;
  /** The heatmap of one page, kind, segment and window at `now`. */
  snapshot(q: HeatmapQuery): Promise<Heatmap>;
  /** A page's numbers over a window at `now`. */
  stats(q: StatsQuery): Promise<Stats>;
  /** A site's pages ranked by events in the window, each with its numbers, and an events series. */
  pages(q: PagesQuery): Promise<Pages>;
  /**
   * Advance a page's window to `now` and return a token that changes whenever its content
   * changed (new events, or old ones leaving): the live feed reads snapshots only then.
   */
  advance(site: string, path: string, window: WindowName, now: number): Promise<string>;
  /**
   * Advance every page of a site written in the longest window, so buckets move to longer
   * windows before they expire even when nobody reads them. Run by every collector every SWEEP_MS;
   * cheap when there is nothing to do, and safe to run concurrently.
   */
  sweep(site: string, now: number): Promise<void>;
  /** Mark a page as watched by an owner for `ttlMs` (seen by every collector on this store). */
  watch(site: string, path: string, ttlMs: number, now: number): Promise<void>;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store cannot be reached or did not answer in time; the edge answers 503. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(message = 'store unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}
