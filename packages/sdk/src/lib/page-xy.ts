import { docSize } from './doc-size.js';
import { px } from './px.js';
import { scrollRoot } from './scroll-root.js';

/**
 * A mouse event's page coordinates in the scroll root `r` (default: {@link scrollRoot}), in whole
 * px (rounded), never negative, with the root's scroll size. For the document: `pageX`, `pageY` (the browser
 * fixes them when the event is created, so a stored event can be read later). For an inner
 * scroller: the client point relative to its padding box plus its scroll offset, read now.
 */
export function pageXY(e: MouseEvent, r = scrollRoot()): { x: number; y: number; w: number; h: number } {
  let x = e.pageX;
  let y = e.pageY;
  if (r) {
    const b = r.getBoundingClientRect();
    x = e.clientX - b.left - r.clientLeft + r.scrollLeft;
    y = e.clientY - b.top - r.clientTop + r.scrollTop;
  }
  return { x: px(x), y: px(y), ...docSize(r) };
}
