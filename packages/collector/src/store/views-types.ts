import type { SavedView, ShareGrant, ViewSummary } from '@heatlens/schema';

/**
 * A link as stored: its grant and the SHA-256 (hex) of its secret (the secret itself is never
 * kept), and when it was revoked. Kept `SHARE_GRACE_MS` past its expiry, so a revoked or expired
 * link answers 404 to its own token while a guessed one gets the 401 of any wrong token.
 */
export type StoredShare = ShareGrant & { hash: string; createdAt: number; revokedAt?: number };

/** How long a link's record outlives its expiry (ms): a week. */
export const SHARE_GRACE_MS = 7 * 24 * 3600_000;

/** A row of a site's views: the summary the list answers, and the page it is of. */
export type ListedView = ViewSummary & { path: string };

/** Per-site bounds the HTTP edge passes in (schema MAX_VIEWS_PER_SITE, MAX_SHARES_PER_SITE). */
export type SavedBounds = { now: number; max: number };

/** The site's bound was reached: the edge answers 409. */
export class SavedFullError extends Error {
  override name = 'SavedFullError';
}

/**
 * Saved views and read-only links, in the same store as the heat (memory, Redis, Redis Cluster).
 * Ids are `<site>.<random>` (schema SAVED_ID_PATTERN) so every key of a site shares its hash tag.
 * A view is written once and never changed (only deleted or expired); a link lives until its
 * `expiresAt` (a TTL in Redis) or until it is revoked.
 */
export interface ViewStore {
  /** Keep `view` for `ttlMs`; throws SavedFullError when the site already keeps `max` live views. */
  saveView(view: SavedView, o: SavedBounds & { ttlMs: number }): Promise<void>;
  /** The view, or undefined when there is none (deleted, expired at `now`, never saved). */
  getView(id: string, now: number): Promise<SavedView | undefined>;
  /** A site's views (each with its page), newest first. */
  listViews(site: string, now: number): Promise<ListedView[]>;
  /** Delete a view; true when there was one. */
  deleteView(id: string): Promise<boolean>;
  /**
   * Keep a link until `SHARE_GRACE_MS` past its `expiresAt`; throws SavedFullError past `max`
   * links of the site neither expired nor revoked at `now`.
   */
  saveShare(share: StoredShare, o: SavedBounds): Promise<void>;
  /** The link as stored, revoked or expired ones too (the caller checks), or undefined past its grace at `now`. */
  getShare(id: string, now: number): Promise<StoredShare | undefined>;
  /** A site's links neither expired nor revoked at `now`, newest first. */
  listShares(site: string, now: number): Promise<StoredShare[]>;
  /** Revoke a link at `now`; true when it was live. */
  revokeShare(id: string, now: number): Promise<boolean>;
}

/** The site part of a saved id (`<site>.<random>`). */
export const siteOfId = (id: string) => id.slice(0, id.lastIndexOf('.'));

/** The row of a view in its site's list. */
export const listed = (v: SavedView): ListedView => ({
  id: v.id,
  name: v.name,
  path: v.path,
  kind: v.kind,
  seg: v.seg,
  window: v.window,
  savedAt: v.savedAt,
  total: v.total,
});
