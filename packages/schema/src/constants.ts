/** Version of the wire format; bumped only for breaking changes. */
export const SCHEMA_VERSION = 1;

/** Default columns across the scroll root's width (and depth bands of the scroll map). */
export const GRID = 50;

/**
 * Tile layout version, carried in storage keys so tiles of an older layout are never read as new
 * ones. v1: 50x50 fractions of the document. v2: `GRID` columns across the scroll root's width and
 * rows of `ROW_PX` page px, plus a fixed layer in viewport space (see `tiles.ts`).
 */
export const TILE_LAYOUT = 2;

/**
 * Height of a heatmap row in CSS px (layout v2). Absolute rows stay put when a page grows below an
 * element and at every window width of a centred max-width layout. Chosen by the row sweep
 * (`pnpm bench --only=fidelity-rows`, tile heat alone over the fidelity pages): absolute rows put
 * 79-82 % of click heat inside the targets at the visitors' width against 52 % for rows of `y/h` and
 * 72 % for `y/w`; 16 px rows beat 20 px by 1.4 points (a coin toss run by run) for 25 % more rows per
 * page, 24 px lose 1.6 points. PostHog's heatmaps use 16 px.
 */
export const ROW_PX = 20;

/** Deepest page px a row is kept for; deeper events land in the last row. */
export const MAX_DEPTH_PX = 100_000;

/** Rows of the page layer: `MAX_DEPTH_PX / ROW_PX`. */
export const MAX_ROWS = MAX_DEPTH_PX / ROW_PX;

/** Most elements a click snapshot lists with their own heat (`Heatmap.elements`). */
export const MAX_ELEMENTS = 20;

/** Cells per side of the grid inside an element where a click's `ex`, `ey` are counted. */
export const ELEMENT_GRID = 10;

/**
 * Longest path or URL-like string (`Batch.path`, `download`/`outbound` `url`, media and image
 * `src`) an SDK sends. The SDK cuts there cheaply (never inside a percent-escape); the collector
 * keys and stores the bounded forms (`pageKey`: at most `MAX_PATH`; `normalizeUrl`: at most
 * `MAX_URL`), so distinct paths and URLs up to this length keep distinct keys.
 */
export const MAX_SENT_URL = 2048;

/** Longest selector on the wire. */
export const MAX_SELECTOR = 256;

/** Largest accepted `POST /collect` body, in bytes (also the browser's keepalive cap). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Most events in one batch. */
export const MAX_EVENTS = 500;

/** Heatmap kinds: cursor movement, clicks, and scroll-depth bands. */
export const KINDS = ['move', 'click', 'scroll'] as const;
export type Kind = (typeof KINDS)[number];

/** Width segments by viewport width: s < 768 <= m < 1200 <= l; `all` is their sum. */
export const SEGMENTS = ['s', 'm', 'l'] as const;
export type Segment = (typeof SEGMENTS)[number];
/** Segment filters a read asks for: `all` (every width, the default) or one segment. */
export const SEGMENT_FILTERS = ['all', ...SEGMENTS] as const;
export type SegmentFilter = (typeof SEGMENT_FILTERS)[number];

/** Named query windows and their length in ms. `5m` is the live window. */
export const WINDOWS = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '30d': 30 * 24 * 60 * 60_000,
  '90d': 90 * 24 * 60 * 60_000,
  '365d': 365 * 24 * 60 * 60_000,
} as const;
export type WindowName = keyof typeof WINDOWS;

/**
 * Days of history a site keeps (`retentionDays` of its sites entry): default 30, from 1 to 400.
 * A site keeps, and can read, the windows no longer than its retention (`windowKept`); beyond 30
 * days history is kept at day resolution (Clarity keeps 13 months, Hotjar 365 days, PostHog 90).
 */
export const RETENTION_DAYS = { default: 30, min: 1, max: 400 } as const;

/** Whether a site keeping `retentionDays` days of history keeps (and answers) a window. */
export const windowKept = (window: WindowName, retentionDays: number): boolean =>
  WINDOWS[window] <= retentionDays * 24 * 60 * 60_000;

/**
 * Windows a viewer offers (the extension's popup, the dashboard's picker), live first. `30d` is
 * the default retention's longest window; `90d` and `365d` are offered for a site whose retention
 * keeps them (`windowKept`), shown disabled with the reason otherwise (so is any window past a
 * shorter retention).
 */
export const VIEW_WINDOWS = ['5m', '1h', '24h', '30d', '90d', '365d'] as const;
export type ViewWindow = (typeof VIEW_WINDOWS)[number];

/** Short human names of the windows, for pickers and legends. */
export const WINDOW_LABELS: Record<WindowName, string> = {
  '5m': '5 min',
  '1h': '1 h',
  '24h': '24 h',
  '30d': '30 d',
  '90d': '90 d',
  '365d': '365 d',
};

/** Subprotocol a `/live` WebSocket speaks; the read token rides in a second one, `token.<token>`. */
export const LIVE_PROTOCOL = 'heatlens.v1';
/** Prefix of the subprotocol that carries the read token. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/**
 * The subprotocols a `/live` client offers: the protocol, then the read token (browsers cannot set
 * headers on sockets).
 */
export const liveProtocols = (token: string): string[] => [LIVE_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
/**
 * Subprotocol of a `/live` page feed in deltas: the full `snapshot` (with `seq`) on connect and on
 * each `resync` the viewer sends, then per hop a `delta` of what changed (`live-delta.ts`). A socket
 * that offers it is answered in it; `heatlens.v1` (or no version) keeps full frames.
 */
export const LIVE_PROTOCOL_V2 = 'heatlens.v2';
/**
 * The subprotocols a delta-speaking `/live` client offers: `heatlens.v2`, then `heatlens.v1` (a
 * collector without deltas answers in full frames), then the read token.
 */
export const liveDeltaProtocols = (token: string): string[] => [LIVE_PROTOCOL_V2, ...liveProtocols(token)];

/** Response header naming the flush interval (ms) the SDK should use for this page. */
export const FLUSH_HEADER = 'X-Heatlens-Flush';

/** Patterns shared by the collector's configuration, the batch schema and the extension's messages. */
export const SITE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
export const READ_TOKEN_PATTERN = '^[A-Za-z0-9_-]{16,128}$';
/** A batch's session id (`Batch.sid`): the SDK's random id of one visit. */
export const SESSION_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/**
 * Attribute on `<html>` that marks a page as the site owner's own browsing (set by the extension
 * at `document_start`, where "Don't count my visits" is on or the overlay shows): the SDK sends
 * nothing from a page that carries it.
 */
export const OWNER_MARK = 'data-heatlens-owner';
