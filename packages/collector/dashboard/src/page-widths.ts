import { mixWidths, type WidthMix } from '@heatlens/heat/mix-widths';
import type { Segment } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { openLive, typeFrame } from '@heatlens/schema/live-client';
import { segmentOf } from '@heatlens/schema/tiles';

/** A snapshot as the page view draws it; `widths` under "All widths" (see `mixWidths`). */
export type ViewSnapshot = SnapshotMessage & { widths?: WidthMix };

/** What the own-width feed watches: the page view's map at the picture's width segment. */
export type OwnWidthQuery = { site: string; path: string; kind: string; window: string; seg: Segment };

/**
 * The second feed of an "All widths" page view. Tile positions are layout positions: a phone's
 * tile at row 90 is where the phone's layout had something, not where the picture (a capture at
 * 1280 px) has it. So the view draws only the tiles of the picture's width segment (`segmentOf`
 * its width, the schema's rule) with every width's elements: `mixWidths` of the "All widths" frame
 * and this feed's. `want` opens, moves or closes the feed (null: the map needs none: one segment,
 * or a scroll map, whose depth is a share of the document at any width); `onFrame` is called when
 * its snapshot arrives.
 */
export function createOwnWidthFeed(token: () => string, onFrame: () => void) {
  let live: { close(): void } | undefined;
  let key = '';
  let last: SnapshotMessage | undefined;
  return {
    /** The feed for the view `q` of "All widths" over a picture `width` CSS px wide (null: none). */
    want(q: Omit<OwnWidthQuery, 'seg'> | null, width: number): void {
      const query: OwnWidthQuery | null =
        q && q.kind !== 'scroll' && width > 0
          ? { site: q.site, path: q.path, kind: q.kind, window: q.window, seg: segmentOf(width) }
          : null;
      const next = query ? JSON.stringify(query) : '';
      if (next === key) return;
      key = next;
      last = undefined;
      live?.close();
      live = undefined;
      if (!query) return;
      live = openLive({
        base: location.href,
        query,
        token: token(),
        parse: typeFrame,
        deltas: true,
        onMessage: (msg) => {
          if (msg.type !== 'snapshot' || key !== next) return;
          last = msg;
          onFrame();
        },
      });
    },
    /**
     * The frame to draw for `all`: itself when no feed is open, the mix when the feed's snapshot is
     * here, undefined while it is awaited (drawing every width's tiles meanwhile would put other
     * widths' heat where the picture has something else).
     */
    mix(all: SnapshotMessage): ViewSnapshot | undefined {
      if (!key) return all;
      if (!last || last.kind !== all.kind) return undefined;
      // mixWidths spreads `all` and replaces only tile fields: the result is still `all`'s message.
      return mixWidths(all, last) as ViewSnapshot;
    },
    close(): void {
      live?.close();
      live = undefined;
      key = '';
      last = undefined;
    },
  };
}
