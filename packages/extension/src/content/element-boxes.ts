import type { ElementHeat } from '@heatlens/schema/live';
import { resolveSelector } from '@heatlens/schema/selector';
import type { ElementBox } from './heat-points.js';
import type { Rect } from './project.js';

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
   * Boxes of the resolved elements this frame (viewport px, one `getBoundingClientRect` each),
   * leaving out hidden ones and those scrolled out of `root`'s visible `clip` when inside it.
   */
  boxes(root: Element, clip: Rect): ElementBox[];
};

const PENDING = Symbol('pending');

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
  let found = new Map<string, Element | null | typeof PENDING>();
  return {
    set(next) {
      elements = next ?? [];
      const kept = new Map<string, Element | null | typeof PENDING>();
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
        found.set(e.sel, resolveSelector<Element>(e.sel, doc));
      }
      return false;
    },
    boxes(root, clip) {
      const out: ElementBox[] = [];
      const scoped = root !== doc.documentElement && root !== doc.scrollingElement;
      for (const e of elements) {
        const el = found.get(e.sel);
        if (!el || el === PENDING) continue;
        if (!el.isConnected) {
          found.set(e.sel, PENDING);
          continue;
        }
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const rect = { x: r.left, y: r.top, w: r.width, h: r.height };
        // Kept when scrolled out of an inner root's box (its clicks are still accounted for), but not drawn.
        const hidden = scoped && root.contains(el) && !overlaps(rect, clip);
        out.push({ sel: e.sel, count: e.count, points: e.points, rect, ...(hidden ? { hidden } : {}) });
      }
      return out;
    },
  };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && a.x + a.w > b.x && a.y < b.y + b.h && a.y + a.h > b.y;
}
