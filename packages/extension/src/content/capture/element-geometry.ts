import { MAX_CAPTURE_ELEMENTS } from '@heatlens/schema/capture';
import { resolveSelector } from '@heatlens/schema/selector';
import type { CapturedElement } from '../../capture-messages.js';
import { elementName } from './element-name.js';
import type { PinnedPage } from './pin-page.js';

/**
 * The boxes and names of the elements the click maps name, in the capture's geometry. Selectors are
 * resolved ONLY through the schema's `resolveSelector` (the SDK's grammar): a selector a visitor
 * sent is never run as arbitrary CSS in the owner's page; one outside the grammar, matching
 * nothing, or without a box is left out.
 *
 * Geometry (call while the page is pinned, any scroll offset):
 * - an element in the scroll root's content: `box` in the picture's px, i.e. the root's content px
 *   (for the document, page px; for an app shell's inner scroller, px from the top left of its
 *   content, as the SDK measures points there);
 * - in a fixed box, in a box that was sticky, or outside an inner scroll root (the shell's bars):
 *   `fixed: true` and `box` in viewport px, where it sits with the page at the top (a sticky box
 *   is in flow while capturing, so where it sits unstuck; a top header is at its viewport place).
 */
export function measureElements(
  doc: Document,
  selectors: readonly string[],
  root: Element,
  pinned: Pick<PinnedPage, 'fixed' | 'sticky'>,
  masks: readonly string[],
): CapturedElement[] {
  const isDocument = root === doc.scrollingElement || root === doc.documentElement;
  const r = root.getBoundingClientRect();
  const originX = isDocument ? -(doc.defaultView?.scrollX ?? 0) : r.left + root.clientLeft - root.scrollLeft;
  const originY = isDocument ? -(doc.defaultView?.scrollY ?? 0) : r.top + root.clientTop - root.scrollTop;
  const rootX = isDocument ? 0 : r.left + root.clientLeft;
  const rootY = isDocument ? 0 : r.top + root.clientTop;
  const out: CapturedElement[] = [];
  const seen = new Set<string>();
  for (const sel of selectors) {
    if (out.length >= MAX_CAPTURE_ELEMENTS) break;
    if (seen.has(sel)) continue;
    seen.add(sel);
    const el = resolveSelector<Element>(sel, doc);
    if (!el || el === doc.documentElement || el === doc.body) continue;
    const b = el.getBoundingClientRect();
    // Found but not rendered now (a collapsed menu's link, a closed dialog's button): kept with an
    // empty box, so the dashboard counts its clicks as that element's and draws them nowhere, as
    // the overlay does, instead of as heat over whatever the picture shows where they were tiled.
    if (!(b.width > 0 && b.height > 0)) {
      out.push({ sel, name: elementName(el, masks), box: [0, 0, 0, 0] });
      continue;
    }
    const inFixed = pinned.fixed.some((f) => f.contains(el));
    const inSticky = [...pinned.sticky].some((s) => s.contains(el));
    const outside = !isDocument && !root.contains(el);
    const round = (v: number) => Math.round(v * 10) / 10;
    const fixed = inFixed || inSticky || outside;
    // A sticky box is in flow while capturing: its viewport place with the root scrolled to the top is
    // its content place plus where the root's content starts in the viewport.
    const shift = inSticky && !inFixed && !outside;
    const x = inFixed || outside ? b.left : b.left - originX + (shift ? rootX : 0);
    const y = inFixed || outside ? b.top : b.top - originY + (shift ? rootY : 0);
    out.push({
      sel,
      name: elementName(el, masks),
      box: [round(x), round(y), round(b.width), round(b.height)],
      ...(fixed ? { fixed: true as const } : {}),
    });
  }
  return out;
}
