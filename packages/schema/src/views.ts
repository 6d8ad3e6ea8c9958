import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { explainFirst } from './field-path.js';
import { KINDS, SEGMENT_FILTERS, WINDOWS } from './constants.js';
import { Heatmap } from './live.js';
import type { HeatDiff } from './heat-diff.js';

// Saved views, comparisons and read-only links: what /api/views, /api/heatmap?compare= and
// /api/shares answer. Declared here once; the collector, the dashboard and the shared page use it.

/** Longest name an owner may give a saved view (characters). */
export const VIEW_NAME_MAX = 120;
/** Saved views kept per site; saving one more past it is refused (409) until one is deleted. */
export const MAX_VIEWS_PER_SITE = 200;
/** Read-only links alive per site at once; expired and revoked ones do not count. */
export const MAX_SHARES_PER_SITE = 100;
/** How long a saved view is kept after it was saved (ms): a year. */
export const VIEW_TTL_MS = 365 * 24 * 3600_000;
/** A link's life when `expiresInDays` is not given, and the most it may ask for (days). */
export const SHARE_DEFAULT_DAYS = 7;
export const SHARE_MAX_DAYS = 90;
/**
 * A share token is `hls.<share id>.<secret>`: the id names the link (so the collector finds it in
 * one read), the secret is 32 random bytes (base64url) of which only the SHA-256 is stored. Read
 * tokens never hold a `.`, so the two never collide.
 */
export const SHARE_TOKEN_PREFIX = 'hls.';
/** Ids of saved views and links: `<site>.<22 base64url chars>` (the site gives the store its hash tag). */
export const SAVED_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}\\.[A-Za-z0-9_-]{22}$';

const Target = {
  site: Type.String({ minLength: 1, maxLength: 64 }),
  path: Type.String({ minLength: 1, maxLength: 2048 }),
  kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
  seg: Type.Union(SEGMENT_FILTERS.map((s) => Type.Literal(s))),
  window: Type.Union((Object.keys(WINDOWS) as Array<keyof typeof WINDOWS>).map((w) => Type.Literal(w))),
};

/** `POST /api/views` body: what to freeze, under which name, drawn over which capture. */
export const SaveViewRequest = Type.Object({
  ...Target,
  name: Type.String({ minLength: 1, maxLength: VIEW_NAME_MAX }),
  captureId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
});
export type SaveViewRequest = Static<typeof SaveViewRequest>;

/** `GET /api/views/ID`: the heatmap as it was when saved, with its name, time and capture. */
export const SavedView = Type.Intersect([
  Heatmap,
  Type.Object({
    id: Type.String(),
    name: Type.String(),
    window: Target.window,
    /** when it was saved, server clock (ms since epoch) */
    savedAt: Type.Number(),
    captureId: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type SavedView = Static<typeof SavedView>;

/** One row of `GET /api/views?site&path`, newest first. */
export type ViewSummary = Pick<SavedView, 'id' | 'name' | 'kind' | 'seg' | 'window' | 'savedAt' | 'total'>;
export type ViewList = { views: ViewSummary[] };

const Days = Type.Optional(Type.Integer({ minimum: 1, maximum: SHARE_MAX_DAYS }));
/** `POST /api/shares` body for a saved view. */
export const ShareViewRequest = Type.Object({ viewId: Type.String({ maxLength: 128 }), expiresInDays: Days });
/** `POST /api/shares` body for one page's live map. */
export const SharePageRequest = Type.Object({ ...Target, expiresInDays: Days });
/** `POST /api/shares` body: a saved view, or one page's live map; `expiresInDays` 1..90, default 7. */
export type ShareRequest = Static<typeof ShareViewRequest> | Static<typeof SharePageRequest>;

/** Check a `POST /api/views` body; the error names the first bad field (`name: ...`). */
export function parseSaveView(input: unknown): { ok: true; value: SaveViewRequest } | { ok: false; error: string } {
  if (Value.Check(SaveViewRequest, input)) return { ok: true, value: input };
  return { ok: false, error: explainFirst(Value.Errors(SaveViewRequest, input).First()) };
}

/** Check a `POST /api/shares` body: `viewId` present means a saved view, else a page's live map. */
export function parseShareRequest(input: unknown): { ok: true; value: ShareRequest } | { ok: false; error: string } {
  const shape = input && typeof input === 'object' && 'viewId' in input ? ShareViewRequest : SharePageRequest;
  if (Value.Check(shape, input)) return { ok: true, value: input };
  return { ok: false, error: explainFirst(Value.Errors(shape, input).First()) };
}

/** `201` of `POST /api/shares`: the token is shown once (only its hash is kept). */
export type ShareCreated = { id: string; url: string; token: string; expiresAt: number };

/**
 * What a link grants, as the collector stores it and `GET /api/shares/ID` (with the share token)
 * answers: one saved view, or the live map of one page, kind, segment and window.
 */
export type ShareGrant =
  | { id: string; site: string; expiresAt: number; viewId: string }
  | {
      id: string;
      site: string;
      expiresAt: number;
      viewId?: undefined;
      path: string;
      kind: SaveViewRequest['kind'];
      seg: SaveViewRequest['seg'];
      window: SaveViewRequest['window'];
    };

/**
 * `GET /api/heatmap?...&compare=view:ID|previous`: the map now, and `compare`: what it was
 * compared with (a saved view: its id, name, savedAt; or the previous period: its span, which
 * may end up to one stored bucket before this window starts) and the difference (`diff`, now
 * minus then, each normalised by its own total, in percentage points).
 */
export type HeatmapCompare = Static<typeof Heatmap> & {
  compare: {
    against: 'view' | 'previous';
    id?: string;
    name?: string;
    savedAt?: number;
    from: number;
    to: number;
    total: number;
    diff: HeatDiff;
  };
};
