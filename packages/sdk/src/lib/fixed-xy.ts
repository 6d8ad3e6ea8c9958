import { scrollRoot } from './scroll-root.js';

/** What a point over the fixed layer carries: viewport px and the viewport's height. */
export type FixedXY = { fixed?: true; cx?: number; cy?: number; vh?: number };

/**
 * `{fixed: true, cx, cy, vh}` when `el` sits in a box that does not scroll with the scroll root
 * `r`: `position: fixed`, a `sticky` box at its sticking offset (stuck), or, for an inner scroll
 * root, anything outside it (an app shell's bars); else `{}`. Walks up to `r` only (through open
 * shadow roots' hosts), one computed style per ancestor: call it per sample, not per event.
 */
export function fixedXY(el: Element | null, e: MouseEvent, r = scrollRoot()): FixedXY {
  const top = r ? r.getBoundingClientRect().top + r.clientTop : 0;
  for (; el && el != r; el = el.parentElement || (el.getRootNode() as ShadowRoot).host) {
    const s = getComputedStyle(el);
    const b = s.position == 'sticky' && el.getBoundingClientRect();
    if (
      s.position == 'fixed' ||
      (b && (Math.abs(b.top - top - parseFloat(s.top)) < 1 || Math.abs((r ? top + r.clientHeight : innerHeight) - b.bottom - parseFloat(s.bottom)) < 1))
    )
      break;
  }
  const round = (v: number) => Math.max(0, Math.round(v));
  return (el ? el != r : r) ? { fixed: true, cx: round(e.clientX), cy: round(e.clientY), vh: innerHeight } : {};
}
