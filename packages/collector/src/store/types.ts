import type {
  CaptureImageType,
  CaptureInfo,
  CaptureLimits,
  CaptureMeta,
  Heatmap,
  Kind,
  Pages,
  SegmentFilter,
  Stats,
  WindowName,
} from '@heatlens/schema';
import type { FoldedBatch } from '../core/fold.js';
import type { ViewStore } from './views-types.js';

/** What recording a batch did. */
export type RecordResult = {
  /** the batch id was seen before: nothing was written */
  duplicate: boolean;
  /** an owner watches this page now (the SDK should flush often) */
  watched: boolean;
  /** the page the batch was counted under: its own, or `(other)` past the site's page cap */
  page: string;
};

export type HeatmapQuery = {
  site: string;
  page: string;
  kind: Kind;
  seg: SegmentFilter;
  window: WindowName;
  now: number;
};
export type StatsQuery = { site: string; page: string; window: WindowName; now: number };
export type PagesQuery = { site: string; window: WindowName; now: number; limit: number };
/** Pages for the alert rules: a site's pages with events in the last hour, most first, up to `limit`. */
export type AlertFiguresQuery = { site: string; now: number; limit: number };

/**
 * What changed in a page window since a cursor (`Store.windowChanges`). `members` are raw members
 * of the window's set (tile-members.ts; scroll: difference-array bands) with their count in the
 * window now (0: gone); it may also list members whose count did not change. Applied over the
 * state of the previous answer they give the window's members as `snapshot` reads them
 * (window-state.ts keeps that state and builds its heatmap).
 */
export type WindowChanges = {
  /** the cursor was absent, unknown, old, or too much moved: `members` is the whole window (replace, not apply) */
  full: boolean;
  /** where this answer stands: give it to the next call (opaque, this store's own) */
  cursor: string;
  /** changed members (or every member, when `full`) and their window count now */
  members: Array<[string, number]>;
  /** the window read: start and end (server clock, ms) and length, as a snapshot's */
  from: number;
  to: number;
  windowMs: number;
};

/** A page's raw counters (members named in fold.ts) over the live window and over the hour. */
export type AlertCounters = { page: string; live: Array<[string, number]>; hour: Array<[string, number]> };

/**
 * Alert state shared by every collector on one store, so a fleet sends each notice once. Each
 * step is atomic (one Lua call on the site's hash tag in Redis): of several collectors opening or
 * closing the same alert at once, exactly one is told it did.
 */
export interface AlertState {
  /**
   * Mark alert `id` of a site firing with its JSON `body`, unless it is firing already or in its
   * cooldown at `now`; the body also goes to the recent list (newest first, at most `keep`). True
   * when this call opened it: the caller sends the notice.
   */
  open(site: string, id: string, body: string, o: { now: number; keep: number }): Promise<boolean>;
  /**
   * End alert `id` if firing, start its cooldown (`now + cooldownMs`) and log the `resolved`
   * `body`. True when this call closed it: the caller sends the notice.
   */
  close(site: string, id: string, body: string, o: { now: number; cooldownMs: number; keep: number }): Promise<boolean>;
  /**
   * Replace the body of alert `id` while it fires (a roll-up's count as it changes); no notice, no
   * log entry. True when it was firing.
   */
  update(site: string, id: string, body: string): Promise<boolean>;
  /** The site's firing alerts (JSON bodies) and its recent notices, newest first. */
  list(site: string): Promise<{ firing: string[]; recent: string[] }>;
}

/** A page capture to store: its site, page (as `SiteRegistry.routeOf` gives it), meta and image. */
export type NewCapture = { site: string; page: string; meta: CaptureMeta; type: CaptureImageType; image: Buffer };

/**
 * Page captures (store/captures-memory.ts, store/captures-redis.ts): per (site, page, width
 * segment) the latest `limits.perSegment`, each site bounded in captures and image bytes, every
 * capture gone `limits.ttlDays` after it was stored. An id (`capture-id.ts`) names its site and
 * page, so an image is found with one read on the page's node. Images are read only by `image`.
 */
export interface CaptureStore {
  /**
   * Store a capture at `now` and return its id (never reused). Then the oldest of its (page,
   * segment) past `perSegment` go, then the site's oldest (any page) while the site is past
   * `perSite` captures or `siteBytes` bytes.
   */
  put(c: NewCapture, o: { now: number; limits: CaptureLimits }): Promise<string>;
  /** A page's captures (meta and id, no image), newest first. */
  list(site: string, page: string, now: number): Promise<CaptureInfo[]>;
  /** A capture's image and its type; undefined when the id is unknown, evicted or expired. */
  image(id: string, now: number): Promise<{ type: CaptureImageType; bytes: Buffer } | undefined>;
}

/**
 * The store contract. Memory, Redis and Redis Cluster implement it with the same window
 * semantics; one contract suite (`describeStore`) runs against each.
 */
export interface Store {
  /** Write a folded batch atomically, at most once per batch id. Resolves after the store has it. */
  record(batch: FoldedBatch): Promise<RecordResult>;
  /** The heatmap of one page, kind, segment and window at `now`. */
  snapshot(q: HeatmapQuery): Promise<Heatmap>;
  /**
   * What changed in the window of `q` since `since` (a cursor from an earlier call), advancing
   * the page as `advance` does. The work follows what moved (the buckets that entered and left
   * the window), not the page's size; without a usable cursor, or when too much moved, the answer
   * is the whole window (`full`), read as `snapshot` reads it. Call it on a watched page
   * (`watch`): an unwatched page's moves are not kept, so its next answer is whole.
   */
  windowChanges(q: HeatmapQuery, since?: string): Promise<WindowChanges>;
  /** A page's numbers over a window at `now`. */
  stats(q: StatsQuery): Promise<Stats>;
  /** A site's pages ranked by events in the window, each with its numbers, and an events series. */
  pages(q: PagesQuery): Promise<Pages>;
  /**
   * Advance a page's window to `now` and return its change tag: a string that changes whenever its content
   * changed (new events, or old ones leaving): the live feed reads snapshots only then.
   */
  advance(site: string, page: string, window: WindowName, now: number): Promise<string>;
  /**
   * Advance every page of a site written in the longest window, so buckets move to longer
   * windows before they expire even when nobody reads them. Run by every collector every SWEEP_MS;
   * cheap when there is nothing to do, and safe to run concurrently.
   */
  sweep(site: string, now: number): Promise<void>;
  /**
   * Free a site's levels past its retention (core/retention.ts): after `retentionDays` was lowered,
   * every key of the windows it no longer keeps goes at once instead of at its TTL (up to 365 days).
   * Run on start and once a day (server.ts). Resolves with the number of keys (Redis) or buckets
   * (memory) freed.
   */
  dropUnkept(site: string, now: number): Promise<number>;
  /** Mark a page as watched by an owner for `ttlMs` (seen by every collector on this store). */
  watch(site: string, page: string, ttlMs: number, now: number): Promise<void>;
  /**
   * The raw counters the alert rules read for a site's pages active in the last hour; the live
   * windows are advanced to `now` on the way, as a snapshot does. No write per batch is added.
   */
  alertFigures(q: AlertFiguresQuery): Promise<AlertCounters[]>;
  /** Shared alert state (see AlertState). */
  alerts: AlertState;
  /** Saved views and read-only links (views-types.ts). */
  views: ViewStore;
  /**
   * The map of the same page, kind, segment and window one period earlier, from the next longer
   * level's buckets (previous-window.ts `previousRange`: its `from`/`to` are the answer's); undefined
   * for the longest window, which has nothing older stored.
   */
  previous(q: HeatmapQuery): Promise<Heatmap | undefined>;
  /** Page captures (see CaptureStore). */
  captures: CaptureStore;
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

type EvalOptions = { keys: string[]; arguments: Array<string | Buffer> };
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
  set(key: string, value: string, options: { PX: number; NX?: boolean }): Promise<unknown>;
  zRangeByScore(
    key: string,
    min: number | string,
    max: number | string,
    options?: { LIMIT: { offset: number; count: number } },
  ): Promise<string[]>;
  zRemRangeByScore(key: string, min: number | string, max: number | string): Promise<unknown>;
  hVals(key: string): Promise<string[]>;
  lRange(key: string, start: number, stop: number): Promise<string[]>;
  get(key: string): Promise<string | null>;
  hGetAll(key: string): Promise<Record<string, string>>;
  /** the same client answering bulk strings as `Buffer`s, given `{[RESP_TYPES.BLOB_STRING]: Buffer}` (binary reads) */
  withTypeMapping(mapping: Record<number, unknown>): { get(key: string): Promise<unknown> };
};
