import { ELEMENT_GRID, ROW_PX } from '@heatlens/schema/constants';
import type { ElementHeat } from '@heatlens/schema/live';
import { resolveSelector } from '@heatlens/schema/selector';
import type { ElementBox } from '@heatlens/heat/heat-points';
import type { Rect } from '@heatlens/heat/project';

/** Options of `createElementBoxes`. */
export type ElementBoxesOptions = {
  /** most ms spent resolving selectors in one frame; the rest waits for the next; default 2 */
  budgetMs?: number;
  /** clock in ms; default `performance.now` */
  now?: () => number;
};

/** The snapshot's elements, resolved in today's DOM once and kept until the DOM changes. */
export type ElementBoxes = {
  /** a new snapshot's elements (undefined: none); selectors already resolved keep their element */
  set(elements: readonly ElementHeat[] | undefined): void;
  /** forget every resolution (the DOM changed); the next `resolve` calls start over */
  invalidate(): void;
  /** resolve pending selectors within the frame budget; true when some are still pending */
  resolve(): boolean;
  /**
   * Boxes of every resolved element this frame (viewport px, one `getBoundingClientRect` each,
   * plus one per clipping ancestor). An element the page does not render now (`unrendered`: no
   * box, `checkVisibility()` false, or clipped away by an `overflow` ancestor, e.g. a collapsed
   * menu or a closed modal) and one scrolled out of `root`'s visible `clip` are `hidden`: their
   * clicks are accounted for, they are not drawn. Left out (their clicks stay in the tiles): the
   * document's own elements, the scroll root and elements taller than `MAX_ELEMENT_PX`.
   */
  boxes(root: Element, clip: Rect): ElementBox[];
};

const PENDING = Symbol('pending');

/**
 * Tallest an element may be for its clicks to be drawn from its own cells: `ELEMENT_GRID` rows of
 * at most two tile rows each (400 CSS px). A taller element's cells are coarser than the page tiles
 * (the `html` element of a 5,000 px page has 500 px cells), so its clicks are left to the tiles, as
 * for an element not listed; the document's own elements (`html`, `body`) and the scroll root always
 * are (a click on them is a click on the page's background).
 */
export const MAX_ELEMENT_PX = ELEMENT_GRID * 2 * ROW_PX;

/** A resolved element, with what does not change while the DOM does not: its clippers and layer. */
type Found = { el: Element; clips: Element[]; pin?: Pin | undefined };
type Pin = NonNullable<ElementBox['pin']>;

/**
 * Resolves the snapshot's element selectors ONLY through `resolveSelector` (the SDK's grammar,
 * validated before any `querySelector`, through open shadow roots at `>>>`), so a visitor-supplied
 * selector such as `:has(* * b)` never runs in the owner's page. Each selector is resolved once per
 * snapshot (cached by its text across snapshots), never per frame, within `budgetMs` per frame;
 * a detached element is resolved again. The caller invalidates on DOM change (throttled).
 */
export function createElementBoxes(doc: Document, opts: ElementBoxesOptions = {}): ElementBoxes {
  const budgetMs = opts.budgetMs ?? 2;
  const now = opts.now ?? (() => performance.now());
  let elements: readonly ElementHeat[] = [];
  let found = new Map<string, Found | null | typeof PENDING>();
  return {
    set(next) {
      elements = next ?? [];
      const kept = new Map<string, Found | null | typeof PENDING>();
      for (const e of elements) kept.set(e.sel, found.get(e.sel) ?? PENDING);
      found = kept;
    },
    invalidate() {
      for (const key of found.keys()) found.set(key, PENDING);
    },
    resolve() {
      const started = now();
      for (const e of elements) {
        if (found.get(e.sel) !== PENDING) continue;
        if (now() - started >= budgetMs) return true;
        const el = resolveSelector<Element>(e.sel, doc);
        found.set(e.sel, el && { el, ...inspect(el, doc) });
      }
      return false;
    },
    boxes(root, clip) {
      const out: ElementBox[] = [];
      const scoped = root !== doc.documentElement && root !== doc.scrollingElement;
      for (const e of elements) {
        const f = found.get(e.sel);
        if (!f || f === PENDING) continue;
        const { el, clips, pin } = f;
        if (!el.isConnected) {
          found.set(e.sel, PENDING);
          continue;
        }
        if (el === root || el === doc.documentElement || el === doc.body) continue;
        const r = el.getBoundingClientRect();
        if (r.height > MAX_ELEMENT_PX) continue;
        const rect = { x: r.left, y: r.top, w: r.width, h: r.height };
        // An inner scroll root clips too, but what it scrolls out of view is only out of view.
        const unrendered =
          !(r.width > 0 && r.height > 0) || !rendered(el) || clips.some((c) => c !== root && !overlaps(rect, box(c)));
        // Outside an inner scroll root (an app shell's bars) is the fixed layer, as for the SDK.
        const layer = pin ?? (scoped && !root.contains(el) ? 'fixed' : undefined);
        // Kept when scrolled out of an inner root's box (its clicks are still accounted for), but not drawn.
        const hidden = unrendered || (scoped && root.contains(el) && !overlaps(rect, clip));
        out.push({
          sel: e.sel,
          count: e.count,
          points: e.points,
          rect,
          ...(layer ? { pin: layer } : {}),
          ...(hidden ? { hidden } : {}),
          ...(unrendered ? { unrendered } : {}),
        });
      }
      return out;
    },
  };
}

const CLIPPING = /\b(?:hidden|clip|auto|scroll)\b/;

function box(el: Element): Rect {
  const r = el.getBoundingClientRect();
  return { x: r.left, y: r.top, w: r.width, h: r.height };
}

/**
 * Whether the page renders `el` now, beyond having a box: not `visibility: hidden` (which takes no
 * clicks) and not under `content-visibility: hidden` (Element.checkVisibility, Chromium 105+, Firefox
 * 106+, Safari 17.4+); without it, whether it has a layout box at all. Opacity is not asked: an
 * element or ancestor at `opacity: 0` still takes clicks, and click targets transparent until hovered
 * (a portfolio tile's caption, a card's overlay) are where visitors click.
 */
function rendered(el: Element): boolean {
  return typeof el.checkVisibility === 'function'
    ? el.checkVisibility({ visibilityProperty: true })
    : el.getClientRects().length > 0;
}

/**
 * Read once per resolution (computed styles of `el`'s ancestors up to the document): the ancestors
 * whose `overflow` clips `el` (a collapsed `height: 0; overflow: hidden` menu, a carousel), and the
 * layer its clicks were tiled in: `fixed` inside a `position: fixed` box (nothing above it clips),
 * `sticky` inside a sticky one (the fixed layer while stuck, the page otherwise), as the SDK's
 * `pagePoint` decides. An absolutely positioned box escapes the clipping of ancestors up to its
 * containing block (the nearest positioned one).
 */
function inspect(el: Element, doc: Document): { clips: Element[]; pin?: Pin } {
  const clips: Element[] = [];
  const view = doc.defaultView;
  if (!view) return { clips };
  let pin: Pin | undefined;
  let escaping = false;
  for (
    let t: Element | null = el;
    t && t !== doc.body && t !== doc.documentElement;
    t = t.parentElement ?? ((t.getRootNode() as ShadowRoot).host || null)
  ) {
    const s = view.getComputedStyle(t);
    if (t !== el && (!escaping || s.position !== 'static')) {
      escaping = false;
      if (CLIPPING.test(`${s.overflowX} ${s.overflowY} ${s.overflow}`)) clips.push(t);
    }
    if (s.position === 'fixed') return { clips, pin: 'fixed' };
    if (s.position === 'sticky') pin ??= 'sticky';
    if (s.position === 'absolute') escaping = true;
  }
  return pin ? { clips, pin } : { clips };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;
}
