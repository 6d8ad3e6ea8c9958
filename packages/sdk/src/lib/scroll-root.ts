import { findScrollRoot } from '@heatlens/schema/scroll-root';

let key: string | undefined;
let root: Element | undefined;

/**
 * The element that scrolls the page (an app shell's `#app`), or undefined when it is the document
 * itself: `findScrollRoot()`, the rule the overlay applies too. Cached, because a click or move
 * sample must not cost a probe of the layout: found again when the named root changes, and every
 * ~1 s otherwise (a resize, a navigation or a late-rendering app shell may change it).
 */
export function scrollRoot(): Element | undefined {
  const d = document;
  const h = d.documentElement;
  const k = h.dataset.scrollRoot! + (Date.now() >> 10);
  if (k != key) {
    key = k;
    const r = findScrollRoot(d);
    root = r == (d.scrollingElement || h) ? undefined : r;
  }
  return root;
}
