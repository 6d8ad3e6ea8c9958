import type { Layout } from '@heatlens/heat/project';

/**
 * How far the scroll position `scrollLeft` of `el` lies from the left edge of all it can scroll
 * to: `scrollLeft` itself left to right; plus the scrollable range when the overflow lies left of
 * the first screen (a right-to-left page, `vertical-rl`, `sideways-rl`), where `scrollLeft` runs
 * from 0 down to minus the range. The SDK measures page x from that edge (its `pagePoint`, same
 * rule), so heat lands on the same element in every writing direction.
 */
export function scrollFromLeft(win: Window, el: Element, scrollLeft: number): number {
  try {
    const s = win.getComputedStyle(el);
    return scrollLeft + (/-rl|b r/.test(`${s.writingMode} ${s.direction}`) ? el.scrollWidth - el.clientWidth : 0);
  } catch {
    // not an element of this window (a detached root): left to right
    return scrollLeft;
  }
}

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
      scrollX: scrollFromLeft(win, doc.documentElement, win.scrollX),
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
    scrollX: scrollFromLeft(win, root, root.scrollLeft),
    scrollY: root.scrollTop,
    docWidth: root.scrollWidth,
    docHeight: root.scrollHeight,
    viewWidth,
    viewHeight,
  };
}
