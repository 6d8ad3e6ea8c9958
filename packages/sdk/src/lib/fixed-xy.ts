import { px } from './px.js';
import { scrollRoot } from './scroll-root.js';

/** What a point over the fixed layer carries: viewport px and the viewport's height. */
export type FixedXY = { fixed?: true; cx?: number; cy?: number; vh?: number };

/**
 * `{fixed: true, cx, cy, vh}` when `el` sits in a box that does not scroll with the scroll root
 * `r`: `position: fixed`, a `sticky` box at its `top` offset (stuck; bottom-sticky boxes are not
 * told apart from the page, to keep the core small), or, for an inner scroll
 * root, anything outside it (an app shell's bars); else `{}`. Walks up to `r` only (through open
 * shadow roots' hosts), one computed style per ancestor: call it per sample, not per event.
 */
export function fixedXY(el: Element | null, e: MouseEvent, r = scrollRoot()): FixedXY {
  const top = r ? r.getBoundingClientRect().top + r.clientTop : 0;
  for (; el && el != r; el = el.parentElement || (el.getRootNode() as ShadowRoot).host) {
    const s = getComputedStyle(el);
    if (s.position == 'fixed' || (s.position == 'sticky' && Math.abs(el.getBoundingClientRect().top - top - parseFloat(s.top)) < 1)) break;
  }
  return (el ? el != r : r) ? { fixed: true, cx: px(e.clientX), cy: px(e.clientY), vh: innerHeight } : {};
}
