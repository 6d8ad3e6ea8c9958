import type { CaptureRect, PaintOver } from '../../capture-messages.js';
import { allElements } from './pin-page.js';

/**
 * Form controls whose contents a capture never shows: every input but buttons (a checkbox's state
 * and a hidden input's value are values too; hidden ones have no box), textareas, selects and
 * editable content. Buttons keep their label: it is the page's text, not the visitor's.
 */
export const FIELD_SELECTOR =
  'input:not([type="button" i]):not([type="submit" i]):not([type="reset" i]):not([type="image" i]),' +
  'textarea,select,[contenteditable]:not([contenteditable="false" i])';

/** Elements the page masks itself, with or without a `masks` entry in the sites file. */
export const MASK_ATTRIBUTE = 'data-heatlens-mask';

/** Whether `el` is masked: it or an ancestor carries `data-heatlens-mask` or matches a site's mask selector. */
export function isMasked(el: Element, masks: readonly string[]): boolean {
  if (el.closest(`[${MASK_ATTRIBUTE}]`)) return true;
  return masks.some((m) => {
    try {
      return el.closest(m) !== null;
    } catch {
      return false; // not a selector this browser knows: it masks nothing
    }
  });
}

/** How far a painted box reaches past the element's own box (focus rings, borders), CSS px. */
const PAD = 2;

/** Where a frame shows the scroll root's content: viewport `crop`, scrolled to `top`. */
export type FrameView = { crop: CaptureRect; top: number };

/**
 * What to paint over in one frame, in the picture's px: the boxes of the form controls, masked
 * elements (`masks`: the site's selectors, which are the owner's, plus `[data-heatlens-mask]`) and
 * embedded frames of another origin (their contents cannot be inspected), visible in the frame's
 * `crop`. Same-origin frames are searched like the page. `skip`: elements not painted in this frame
 * (inside fixed boxes hidden after the first). A viewport point (vx, vy) of the crop is picture
 * point (vx - crop.x, vy - crop.y + top).
 */
export function paintBoxes(
  doc: Document,
  masks: readonly string[],
  view: FrameView,
  skip: (el: Element) => boolean = () => false,
): PaintOver[] {
  const out: PaintOver[] = [];
  collect(doc, masks, view, skip, 0, 0, out);
  return out;
}

function collect(
  doc: Document,
  masks: readonly string[],
  view: FrameView,
  skip: (el: Element) => boolean,
  dx: number,
  dy: number,
  out: PaintOver[],
): void {
  const selector = [FIELD_SELECTOR, `[${MASK_ATTRIBUTE}]`, 'iframe', 'frame', 'object', 'embed', ...masks].join(',');
  for (const el of allElements(doc)) {
    let hit: boolean;
    try {
      hit = el.matches(selector);
    } catch {
      // A site mask the browser cannot parse: test the built-in ones alone.
      hit = el.matches([FIELD_SELECTOR, `[${MASK_ATTRIBUTE}]`, 'iframe', 'frame', 'object', 'embed'].join(','));
    }
    if (!hit || skip(el)) continue;
    const r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) continue;
    const masked = isMasked(el, masks);
    const framed = /^(?:iframe|frame|object|embed)$/i.test(el.tagName);
    if (framed && !masked) {
      const inner = sameOriginDocument(el);
      if (inner) {
        const b = el as HTMLElement;
        collect(inner, masks, view, skip, dx + r.left + b.clientLeft, dy + r.top + b.clientTop, out);
        continue;
      }
    }
    const kind: PaintOver['kind'] = masked ? 'mask' : framed ? 'frame' : 'field';
    const box = clip(
      { x: dx + r.left - PAD, y: dy + r.top - PAD, w: r.width + 2 * PAD, h: r.height + 2 * PAD },
      view.crop,
    );
    if (box) out.push({ kind, x: box.x - view.crop.x, y: box.y - view.crop.y + view.top, w: box.w, h: box.h });
  }
}

/** The document of a same-origin frame, or null (another origin, not loaded, not a frame). */
function sameOriginDocument(el: Element): Document | null {
  try {
    return (el as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

function clip(a: CaptureRect, b: CaptureRect): CaptureRect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w > 0 && h > 0 ? { x, y, w, h } : null;
}
