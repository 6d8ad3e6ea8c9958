/** Version of the wire format; bumped only for breaking changes. */
export const SCHEMA_VERSION = 1;

/** Default tiles per side of a page's heatmap grid. */
export const GRID = 50;

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
export type SegmentFilter = Segment | 'all';

/** Named query windows and their length in ms. `5m` is the live window. */
export const WINDOWS = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '30d': 30 * 24 * 60 * 60_000,
} as const;
export type WindowName = keyof typeof WINDOWS;

/** Subprotocol a `/live` WebSocket speaks; the read token rides in a second one, `token.<token>`. */
export const LIVE_PROTOCOL = 'heatlens.v1';
/** Prefix of the subprotocol that carries the read token. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';

/** Response header naming the flush interval (ms) the SDK should use for this page. */
export const FLUSH_HEADER = 'X-Heatlens-Flush';

/** Patterns shared by the collector's configuration and the batch schema. */
export const SITE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
export const READ_TOKEN_PATTERN = '^[A-Za-z0-9_-]{16,128}$';
