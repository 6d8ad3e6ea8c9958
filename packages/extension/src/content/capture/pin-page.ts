/** Id of the overlay's host element (mount-overlay.ts `OVERLAY_ID`), hidden while capturing. */
const OVERLAY_HOST_ID = 'heatlens-overlay';

/** The page pinned for a capture, and how to put it back. */
export type PinnedPage = {
  /** boxes with `position: fixed` (outermost only), as found when pinning */
  fixed: readonly Element[];
  /** boxes that were `position: sticky`, now in flow where they sit unstuck */
  sticky: ReadonlySet<Element>;
  /** hide the fixed boxes: after the first frame they would repeat down the picture */
  hideFixed(): void;
  /** whether `el` is inside a fixed box hidden by `hideFixed` */
  inHidden(el: Element): boolean;
  /** every style as it was, the scroll position as it was */
  restore(): void;
};

/**
 * Pin the page for a capture, keeping every inline style it changes so `restore()` puts it back
 * exactly (the `style` attribute string as it was, or none):
 * - the overlay's host (the heat and its legend) is hidden;
 * - sticky boxes become `position: static`: the same space in the flow, never stuck, so a sticky
 *   header is in the picture once, at the top, where it sits unscrolled;
 * - fixed boxes stay for the first frame (they are in it as they sit at the top) and are hidden by
 *   `hideFixed()` for the next ones;
 * - `scroll-behavior` and `scroll-snap-type` are turned off on the scroll root, so a scroll lands
 *   at once and where asked;
 * - the owner's scroll offsets (the window's and the root's) are kept and restored.
 * Walks every element once (one computed style each), through open shadow roots.
 */
export function pinPage(win: Window, root: Element): PinnedPage {
  const doc = win.document;
  const saved = new Map<Element, string | null>();
  // Through the attribute only, never the CSSOM (`el.style.setProperty`): Chromium keeps an inline
  // style changed through the CSSOM as a declaration it writes back to the attribute lazily, so an
  // attribute removed afterwards could come back as `style=""` on an element that had none.
  const set = (el: Element, css: string): void => {
    if (!saved.has(el)) saved.set(el, el.getAttribute('style'));
    const rules = css
      .split(';')
      .map((rule) => rule.split(':').map((part) => part.trim()))
      .filter(([prop, value]) => prop && value)
      .map(([prop, value]) => `${prop}: ${value} !important;`);
    const current = el.getAttribute('style')?.trim() ?? '';
    const joined = current && !current.endsWith(';') ? `${current};` : current;
    el.setAttribute('style', [joined, ...rules].filter(Boolean).join(' '));
  };
  const scroll = { x: win.scrollX, y: win.scrollY, left: root.scrollLeft, top: root.scrollTop };

  const overlay = doc.getElementById(OVERLAY_HOST_ID);
  if (overlay) set(overlay, 'display: none');
  const fixed: Element[] = [];
  const sticky = new Set<Element>();
  for (const el of allElements(doc)) {
    if (el === overlay) continue;
    const position = win.getComputedStyle(el).position;
    if (position === 'sticky') {
      sticky.add(el);
      set(el, 'position: static');
    } else if (position === 'fixed' && !fixed.some((f) => f.contains(el))) fixed.push(el);
  }
  for (const el of new Set([root, doc.documentElement])) set(el, 'scroll-behavior: auto; scroll-snap-type: none');
  let hidden = false;

  return {
    fixed,
    sticky,
    hideFixed() {
      if (hidden) return;
      hidden = true;
      for (const el of fixed) set(el, 'visibility: hidden; opacity: 0; transition: none');
    },
    inHidden(el) {
      return hidden && fixed.some((f) => f.contains(el));
    },
    restore() {
      // Exactly what was there: an attribute absent stays absent, never `style=""`.
      for (const [el, style] of saved) {
        if (style === null) el.removeAttribute('style');
        else if (el.getAttribute('style') !== style) el.setAttribute('style', style);
      }
      saved.clear();
      root.scrollTo({ left: scroll.left, top: scroll.top, behavior: 'instant' });
      win.scrollTo({ left: scroll.x, top: scroll.y, behavior: 'instant' });
    },
  };
}

/** Every element of the document and of the open shadow roots inside it, in document order. */
export function* allElements(doc: Document): Generator<Element> {
  const stack: ParentNode[] = [doc];
  while (stack.length) {
    const scope = stack.pop()!;
    for (const el of scope.querySelectorAll('*')) {
      yield el;
      if (el.shadowRoot) stack.push(el.shadowRoot);
    }
  }
}
