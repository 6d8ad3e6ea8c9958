import { DEFAULT_RADIUS } from '@heatlens/heat/style';
import type { Kind, SegmentFilter, ViewWindow } from '@heatlens/schema/constants';

/** What the owner chose in the popup for one tab's overlay. */
export type OverlaySettings = {
  /** heatmap kind; default `move` */
  kind: Kind;
  /** query window, one of the schema's `VIEW_WINDOWS`; default `5m` (the live window) */
  window: ViewWindow;
  /** width segment; default: the one matching the tab's viewport */
  seg: SegmentFilter;
  /** overlay opacity, 0..1; default 0.6 */
  opacity: number;
  /** for clicks, label every clicked element with its count; off, only the one under the pointer; default false */
  counts: boolean;
  /** heat kernel radius in CSS px, `MIN_RADIUS..MAX_RADIUS`; default `DEFAULT_RADIUS` */
  radius: number;
};

/** Heat kernel radius bounds and default, CSS px: the shared renderer's. */
export { DEFAULT_RADIUS, MAX_RADIUS, MIN_RADIUS } from '@heatlens/heat/style';

/** Defaults for a new overlay; `seg` is replaced by the tab's own segment when it is known. */
export const DEFAULT_SETTINGS: OverlaySettings = {
  kind: 'move',
  window: '5m',
  seg: 'all',
  opacity: 0.6,
  counts: false,
  radius: DEFAULT_RADIUS,
};

/** What identifies a tab's live feed: the site and page it shows, and how. */
export type OverlayTarget = { site: string; path: string };

/** A tab's overlay as the background keeps it in `storage.session` (it survives worker restarts). */
export type OverlayState = OverlayTarget & { tabId: number; settings: OverlaySettings };
