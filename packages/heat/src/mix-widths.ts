import type { Segment } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import type { DrawMap } from './tile-run.js';

/**
 * What an "All widths" frame drew from which width, for the legend and the tile weights.
 * Tile positions are layout positions: a phone's tile at row 90 is where the phone's layout had
 * something, not the desktop's. So under "All widths" only the viewer's own width segment's tiles
 * are drawn; the other widths' clicks are drawn on their elements only, and their moves not at all.
 */
export type WidthMix = {
  /** the width segment whose tiles are drawn: the viewer's (the overlay's viewport, the capture's) */
  seg: Segment;
  /** share (0..1) of the window's samples (tile counts, every width) that come from other widths */
  others: number;
  /**
   * clicks per element (`[sel, count]`) at `seg` only: the clicks of each element that are in the
   * drawn tiles (what `tileWeights` takes off them); an element not listed has none there
   */
  tiled: Array<[sel: string, count: number]>;
};

/** A frame's snapshot, with how it mixes widths when it does ("All widths" move and click maps). */
export type MixedSnapshot = DrawMap & { widths?: WidthMix };

/**
 * The "All widths" frame from two snapshots of one page, kind and window: `all` (segment filter
 * `all`) and `own` (the viewer's segment). The page tiles, the fixed layer, `rows` and `max` are
 * `own`'s (tile heat only where the viewer's layout put it); the elements are `all`'s (each click
 * drawn inside its element, whatever the width it came from; labels count every width); `total`
 * and `stats` stay `all`'s (the window's samples). `widths.others` is the share of `all.total` not
 * in `own.total`. Scroll maps (depth is a share of the document at any width) and snapshots that are
 * not "All widths" are returned as they are.
 */
export function mixWidths(all: DrawMap, own: DrawMap): MixedSnapshot {
  if (all.seg !== 'all' || all.kind === 'scroll' || own.seg === 'all' || own.kind !== all.kind) return all;
  const others = all.total > 0 ? Math.min(1, Math.max(0, (all.total - own.total) / all.total)) : 0;
  const tiled = (own.elements ?? []).map((e): [string, number] => [e.sel, e.count]);
  return {
    ...all,
    rows: own.rows,
    max: own.max,
    tiles: own.tiles,
    fixed: own.fixed,
    widths: { seg: own.seg, others, tiled },
  };
}

/**
 * The legend's words for a mix: what share of the samples came from other widths and where they
 * are drawn ("12 % of samples from other widths, shown on their elements only"); '' when all of
 * them are the viewer's width's. Under 1 % reads "< 1 %".
 */
export function widthsNote(mix: WidthMix | undefined, kind: SnapshotMessage['kind']): string {
  if (!mix || !(mix.others > 0)) return '';
  const pct = mix.others < 0.01 ? '< 1' : String(Math.round(mix.others * 100));
  const where = kind === 'click' ? 'shown on their elements only' : 'not drawn';
  return `${pct} % of samples from other widths, ${where}`;
}
