import type { Layout } from '@heatlens/heat/project';

/**
 * Measure the layout of `root` (what `findScrollRoot` returned). The document's own scroller
 * (`<html>` / `scrollingElement`) is the viewport at the window's scroll; any other element is its
 * padding box at its own scroll. Reads layout: call it once per frame, before any write.
 */
export function measureLayout(win: Window, root: Element): Layout {
  const doc = win.document;
  const viewWidth = win.innerWidth;
  const viewHeight = win.innerHeight;
  if (root === doc.scrollingElement || root === doc.documentElement || root === doc.body) {
    const el = doc.scrollingElement ?? doc.documentElement;
    return {
      rootLeft: 0,
      rootTop: 0,
      rootWidth: viewWidth,
      rootHeight: viewHeight,
      scrollX: win.scrollX,
      scrollY: win.scrollY,
      docWidth: el.scrollWidth,
      docHeight: el.scrollHeight,
      viewWidth,
      viewHeight,
    };
  }
  const r = root.getBoundingClientRect();
  return {
    rootLeft: r.left + root.clientLeft,
    rootTop: r.top + root.clientTop,
    rootWidth: root.clientWidth,
    rootHeight: root.clientHeight,
    scrollX: root.scrollLeft,
    scrollY: root.scrollTop,
    docWidth: root.scrollWidth,
    docHeight: root.scrollHeight,
    viewWidth,
    viewHeight,
  };
}
