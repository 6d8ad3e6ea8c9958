import { segmentOf } from '@heatlens/schema/tiles';
import type { LiveQuery } from './live-feed.js';

/**
 * The second feed an "All widths" overlay needs: the same page, kind and window at the viewer's
 * own width segment (of `viewWidth`, the tab's width in CSS px), whose tiles are the only ones drawn
 * (`@heatlens/heat/mix-widths`: other widths' tiles sit where their layout put them). Null when the
 * map needs none: a single segment, a scroll map (depth is a share of the document at any width), or
 * a tab whose width is unknown (every width's tiles are drawn then, as before).
 */
export function ownWidthQuery(q: LiveQuery, viewWidth: number | undefined): LiveQuery | null {
  if (q.seg !== 'all' || q.kind === 'scroll' || !viewWidth || !(viewWidth > 0)) return null;
  return { ...q, seg: segmentOf(viewWidth) };
}

/** True when two live queries watch the same map. */
export function sameQuery(a: LiveQuery | null | undefined, b: LiveQuery | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return (Object.keys(a) as Array<keyof LiveQuery>).every((k) => a[k] === b[k]);
}
