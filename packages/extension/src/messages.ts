import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { KINDS, SEGMENT_FILTERS, SITE_ID_PATTERN, VIEW_WINDOWS } from '@heatlens/schema/constants';
import { explainFirst } from '@heatlens/schema/field-path';
import type { LiveStatus } from '@heatlens/schema/live-client';
import type { SnapshotMessage } from '@heatlens/schema/live';
import type { MixedSnapshot } from '@heatlens/heat/mix-widths';
import { MAX_PATH } from '@heatlens/schema/page-key';
import { VIEW_NAME_MAX } from '@heatlens/schema/views';
import { MAX_RADIUS, MIN_RADIUS, type OverlaySettings, type OverlayState } from './settings.js';

// The typed message map. Requests to the background come from the popup (overlay on/off,
// settings, status) and from content scripts (SPA navigation). The background validates each one
// against its schema before acting: a message is data from another context, never trusted as typed.

const Settings = Type.Object({
  kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
  window: Type.Union(VIEW_WINDOWS.map((w) => Type.Literal(w))),
  seg: Type.Union(SEGMENT_FILTERS.map((s) => Type.Literal(s))),
  opacity: Type.Number({ minimum: 0, maximum: 1 }),
  counts: Type.Boolean(),
  radius: Type.Number({ minimum: MIN_RADIUS, maximum: MAX_RADIUS }),
});
const TabId = Type.Integer({ minimum: 0 });
const SiteId = Type.String({ pattern: SITE_ID_PATTERN });
const Path = Type.String({ minLength: 1, maxLength: MAX_PATH, pattern: '^/' });

/** Schemas of every message the background accepts, keyed by `type`. */
export const BACKGROUND_MESSAGES = {
  /** popup: the overlay of a tab, or null when it is off */
  'overlay:get': Type.Object({ type: Type.Literal('overlay:get'), tabId: TabId }),
  /** popup: turn a tab's overlay on (or change its settings) for a site and page */
  'overlay:on': Type.Object({
    type: Type.Literal('overlay:on'),
    tabId: TabId,
    site: SiteId,
    path: Path,
    settings: Settings,
  }),
  /** popup: turn a tab's overlay off */
  'overlay:off': Type.Object({ type: Type.Literal('overlay:off'), tabId: TabId }),
  /** content script: the page changed its URL without loading (single-page app) */
  'page:navigated': Type.Object({ type: Type.Literal('page:navigated'), path: Path }),
  /** content script, every `KEEP_AWAKE_MS` while mounted: keeps an event page from idling out */
  'overlay:awake': Type.Object({ type: Type.Literal('overlay:awake') }),
  /** popup: take a capture of the tab's page and upload it ("Save this page for the dashboard") */
  'capture:take': Type.Object({ type: Type.Literal('capture:take'), tabId: TabId, site: SiteId, path: Path }),
  /** popup: a PNG of the tab's visible viewport with the overlay as it is drawn (a data URL) */
  'overlay:png': Type.Object({ type: Type.Literal('overlay:png'), tabId: TabId }),
  /** popup: save the map the tab's overlay shows now as a named view (`POST /api/views`) */
  'view:save': Type.Object({
    type: Type.Literal('view:save'),
    tabId: TabId,
    name: Type.String({ minLength: 1, maxLength: VIEW_NAME_MAX }),
  }),
} as const;

/** A message to the background, by type. */
export type BackgroundMessages = { [K in keyof typeof BACKGROUND_MESSAGES]: Static<(typeof BACKGROUND_MESSAGES)[K]> };
/** Any message to the background. */
export type BackgroundMessage = BackgroundMessages[keyof BackgroundMessages];

/** What the background answers to each message type. */
export type BackgroundReplies = {
  'overlay:get': OverlayState | null;
  'overlay:on': OverlayState;
  'overlay:off': null;
  'page:navigated': null;
  'overlay:awake': null;
  'capture:take': CaptureResult;
  'overlay:png': string;
  'view:save': { id: string };
};

/** A capture taken and stored. */
export type CaptureResult = {
  /** the collector's id for it */
  id: string;
  /** width segment of the owner's viewport */
  seg: string;
  /** picture size, CSS px */
  width: number;
  height: number;
  /** the page was taller than a capture keeps (the picture says so) */
  cut: boolean;
  /** image type and size in bytes */
  type: string;
  bytes: number;
  /** viewport captures stitched */
  frames: number;
  /** elements of the click maps found and named */
  elements: number;
  /** ms from the request to the encoded picture (the upload not included) */
  ms: number;
};

/** A capture's progress, broadcast to extension pages (the popup listens while open). */
export type CaptureBroadcast = {
  type: 'capture:status';
  tabId: number;
  state: 'capturing' | 'uploading' | 'done' | 'error';
  /** while capturing: the frame being taken and how many are expected */
  frame?: number;
  frames?: number;
  /** when done */
  result?: CaptureResult;
  /** when failed: why, for the owner */
  message?: string;
};

/**
 * Validate a message received by the background. Returns the typed message, or an error naming
 * the field. Interpreted (TypeBox `Value`), so it runs under the extension CSP without eval.
 */
export function parseBackgroundMessage(
  input: unknown,
): { ok: true; value: BackgroundMessage } | { ok: false; error: string } {
  const type = (input as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(BACKGROUND_MESSAGES, type)) {
    return { ok: false, error: `type: unknown message type ${JSON.stringify(type)}` };
  }
  const schema = BACKGROUND_MESSAGES[type as keyof typeof BACKGROUND_MESSAGES];
  if (Value.Check(schema, input)) return { ok: true, value: input };
  return { ok: false, error: explainFirst(Value.Errors(schema, input).First(), '', 'message') };
}

/** Messages from the background to a tab's content script. */
export type ContentMessage =
  /** is an overlay mounted in this tab? (answers true; no answer means no) */
  | { type: 'overlay:ping' }
  /**
   * draw a snapshot with these settings (under "All widths", mixed with the viewer's width:
   * `mixWidths`); the background sends page tiles as one flat `[tx, ty, n, ...]` array (Chrome's
   * extension messaging serialises as JSON, where a typed array would arrive as an object keyed by
   * index), the renderer also takes the wire's tuples
   */
  | { type: 'overlay:draw'; snapshot: MixedSnapshot | null; settings: OverlaySettings }
  /** remove every trace of the overlay */
  | { type: 'overlay:unmount' };

/** Messages the background broadcasts to extension pages (the popup listens while open). */
export type PageBroadcast = {
  type: 'feed:status';
  tabId: number;
  status: FeedStatus;
  snapshot: SnapshotMessage | null;
};

/** State of a tab's live feed (the schema's live client's states). */
export type FeedStatus = LiveStatus;
