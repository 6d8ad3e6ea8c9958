import type { Heatmap } from '@heatlens/schema';
import type { HeatmapQuery, Store } from '../store/types.js';
import { WindowState } from '../store/window-state.js';
import type { PageFeed } from './feeds.js';

/**
 * A page feed's heatmap this hop, kept from `store.windowChanges`: read whole when the feed has no
 * window yet (its first viewer subscribed) or the store answers whole (no usable cursor, a resync
 * mark, too much moved), else only what changed since the last hop applied over what the feed
 * holds. Redis time per hop then follows what moved, not the page's size (issue 30); the heatmap
 * built from it equals a snapshot read (the store contract's describe-window-changes.ts).
 */
export async function readFeedWindow(store: Store, feed: PageFeed, q: HeatmapQuery, grid: number): Promise<Heatmap> {
  const window = (feed.window ??= new WindowState({ site: q.site, page: q.page, kind: q.kind, seg: q.seg, grid }));
  window.apply(await store.windowChanges(q, window.cursor));
  return window.heatmap();
}
