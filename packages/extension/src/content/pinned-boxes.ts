import type { Heatmap } from '@heatlens/schema/live';
import { fixedTileCentre, type Layout, type Rect } from '@heatlens/heat/project';

/**
 * The boxes the owner's page pins to the viewport now under the fixed layer's tiles: the
 * outermost `position: fixed` or `sticky` ancestor of what each tile's centre shows, or, outside an
 * inner scroll root (an app shell's bars), the outermost box beside the root. The fixed layer's
 * heat belongs on such boxes; a fixed tile over none of them (a mobile menu the visitor had open, a
 * modal, a taller header) shows where nothing the visitor used is on the owner's screen, so it is
 * not drawn.
 */
export type PinnedBoxes = {
  /**
   * Hit-test the centres of `map`'s fixed tiles (`elementFromPoint`, then computed styles up the
   * ancestors, once per element): called off the frame, when a snapshot comes, after a scroll
   * settles, on layout and DOM change.
   */
  refresh(map: Pick<Heatmap, 'grid' | 'rowPx' | 'fixed'>, l: Layout, root: Element): void;
  /**
   * The pinned boxes' viewport rects this frame (one `getBoundingClientRect` each); undefined when
   * the page cannot be hit-tested (the fixed layer is then drawn whole).
   */
  rects(): Rect[] | undefined;
};

/** Pinned boxes of `doc`, found by `refresh` and measured by `rects`. */
export function createPinnedBoxes(doc: Document): PinnedBoxes {
  let found: Element[] | undefined;
  return {
    refresh(map, l, root) {
      const view = doc.defaultView;
      if (typeof doc.elementFromPoint !== 'function' || !view) {
        found = undefined;
        return;
      }
      const scoped = root !== doc.documentElement && root !== doc.scrollingElement && root !== doc.body;
      const memo = new Map<Element, Element | null>();
      const out = new Set<Element>();
      for (const [tx, ty, n] of map.fixed ?? []) {
        if (!(n > 0)) continue;
        const p = fixedTileCentre(tx, ty, map.grid, map.rowPx, l);
        if (p.x < 0 || p.y < 0 || p.x >= l.viewWidth || p.y >= l.viewHeight) continue;
        const hit = doc.elementFromPoint(p.x, p.y);
        if (!hit) continue;
        let pin = memo.get(hit);
        if (pin === undefined) memo.set(hit, (pin = pinnedBox(hit, doc, view, scoped ? root : null)));
        if (pin) out.add(pin);
      }
      found = [...out];
    },
    rects() {
      if (!found) return undefined;
      const out: Rect[] = [];
      for (const el of found) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) out.push({ x: r.left, y: r.top, w: r.width, h: r.height });
      }
      return out;
    },
  };
}

/**
 * The box `el` is pinned in: its outermost fixed or sticky ancestor (itself included), else, when
 * an inner scroll `root` is given and `el` is outside it, its outermost ancestor that does not hold
 * the root; null when `el` scrolls with the page.
 */
function pinnedBox(el: Element, doc: Document, view: Window, root: Element | null): Element | null {
  let pinned: Element | null = null;
  for (let t: Element | null = el; t && t !== doc.documentElement && t !== doc.body; t = t.parentElement) {
    const position = view.getComputedStyle(t).position;
    if (position === 'fixed' || position === 'sticky') pinned = t;
  }
  if (pinned || !root || root.contains(el) || el.contains(root)) return pinned;
  let t = el;
  while (t.parentElement && t.parentElement !== doc.body && !t.parentElement.contains(root)) t = t.parentElement;
  return t;
}
