import { docSize } from './doc-size.js';
import { px } from './px.js';
import { scrollRoot } from './scroll-root.js';

/** A sample's point: page px in the scroll root and its size, plus viewport px over the fixed layer. */
export type PagePoint = {
  x: number;
  y: number;
  w: number;
  h: number;
  fixed?: true;
  cx?: number;
  cy?: number;
  vh?: number;
};

/**
 * Where a pointer event `e` over element `t` lands, in one pass (one scroll-root lookup, one
 * rect):
 * - page coordinates in the scroll root ({@link scrollRoot}), whole px, measured from the left edge
 *   of all the root can scroll to in every writing direction: on a right-to-left page, or a
 *   `vertical-rl` one, the overflow lies left of the first screen and `scrollLeft` runs negative,
 *   so x is offset by the scrollable range (https://drafts.csswg.org/cssom-view/#scrolling-area-origin);
 *   y from the top (vertical text set right to left, whose overflow lies above, is not told apart);
 *   with the root's scroll size;
 * - `fixed: true` with viewport px `cx`, `cy` and the viewport's height `vh` when `t` sits in a box
 *   that does not scroll with the root: `position: fixed`, a `sticky` box at its `top` offset
 *   (stuck; bottom-sticky boxes are not told apart from the page, to keep the core small), or, for
 *   an inner root, anything outside it (an app shell's bars). Walks from `t` up to the root only
 *   (through open shadow roots' hosts), one computed style per ancestor: call it per sample.
 */
export function pagePoint(
  e: Pick<MouseEvent, 'clientX' | 'clientY' | 'pageX' | 'pageY'>,
  t: Element | null,
): PagePoint {
  const r = scrollRoot();
  const d = r || document.documentElement;
  const s = getComputedStyle(d);
  // For the document `pageX`, `pageY` (fixed when the event was created, so a throttled sample
  // reads where it was); for an inner root the client point in its padding box plus its scroll.
  // The overflow lies left of the first screen when the block flow runs right to left
  // (`vertical-rl`, `sideways-rl`) or the line does (`horizontal-tb` and `rtl`).
  let x = (/-rl|b r/.test(s.writingMode + ' ' + s.direction) ? d.scrollWidth - d.clientWidth : 0) + e.pageX;
  let y = e.pageY;
  let top = 0;
  if (r) {
    const b = r.getBoundingClientRect();
    top = b.top + r.clientTop;
    x += e.clientX - e.pageX - b.left - r.clientLeft + r.scrollLeft;
    y += e.clientY - e.pageY - top + r.scrollTop;
  }
  for (; t && t != r; t = t.parentElement || (t.getRootNode() as ShadowRoot).host) {
    const s = getComputedStyle(t);
    if (
      s.position == 'fixed' ||
      (s.position == 'sticky' && Math.abs(t.getBoundingClientRect().top - top - parseFloat(s.top)) < 1)
    )
      break;
  }
  const p: PagePoint = { x: px(x), y: px(y), ...docSize(r) };
  return (t ? t != r : r) ? { ...p, fixed: true, cx: px(e.clientX), cy: px(e.clientY), vh: innerHeight } : p;
}
