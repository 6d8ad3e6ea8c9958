import { FIELD_SELECTOR, isMasked, MASK_ATTRIBUTE } from './paint-boxes.js';

import { MAX_CAPTURE_NAME } from '@heatlens/schema/capture';

/** Longest name a capture keeps, in characters: the schema's `MAX_CAPTURE_NAME`. */
export const MAX_NAME = MAX_CAPTURE_NAME;

/** Subtrees whose text never names anything: form controls, scripts, and masked elements. */
const SILENT = `${FIELD_SELECTOR},option,script,style,noscript,template,[${MASK_ATTRIBUTE}],[aria-hidden="true"]`;

/** Enough text to name an element; the rest is never read. */
const ENOUGH = 4 * MAX_NAME;

/**
 * A human name for an element the click maps name, for the dashboard's lists: its accessible name
 * (`aria-labelledby`, `aria-label`; a form control's `<label>`, `placeholder` or `title`; an image's
 * `alt`; a button input's authored label), else its visible text, else its `title`; whitespace
 * collapsed, at most `MAX_NAME` chars (cut with an ellipsis). Never a form field's value: controls
 * are named by their labels only, and their subtrees (and selects' options) are skipped when text
 * is gathered. '' for a masked element (`isMasked`) and for one with nothing to say.
 */
export function elementName(el: Element, masks: readonly string[] = []): string {
  if (isMasked(el, masks)) return '';
  return trim(rawName(el, masks));
}

function rawName(el: Element, masks: readonly string[]): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => doc.getElementById(id))
      .filter((l): l is HTMLElement => l !== null && !isMasked(l, masks))
      .map((l) => textOf(l, masks))
      .join(' ');
    if (text.trim()) return text;
  }
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return label;
  if (el.matches(FIELD_SELECTOR)) {
    const labels = (el as HTMLInputElement).labels;
    const text = labels ? [...labels].map((l) => textOf(l, masks)).join(' ') : '';
    return text.trim() ? text : (el.getAttribute('placeholder') ?? el.getAttribute('title') ?? '');
  }
  const tag = el.tagName.toLowerCase();
  if (tag === 'img' || tag === 'area' || (tag === 'input' && (el as HTMLInputElement).type === 'image')) {
    const alt = el.getAttribute('alt');
    if (alt?.trim()) return alt;
  }
  // A button input shows its authored `value` as its label (the attribute, not the live property).
  if (tag === 'input') return el.getAttribute('value') ?? el.getAttribute('title') ?? '';
  const text = textOf(el, masks);
  if (text.trim()) return text;
  const img = el.querySelector('img[alt]');
  return img?.getAttribute('alt')?.trim() ? img.getAttribute('alt')! : (el.getAttribute('title') ?? '');
}

/**
 * The text of `el`'s subtree (open shadow roots not entered), skipping `SILENT` subtrees and
 * masked ones, stopping once there is `ENOUGH`.
 */
function textOf(el: Element, masks: readonly string[]): string {
  const doc = el.ownerDocument;
  const filter = (node: Node): number => {
    if (node.nodeType !== 1) return 1; // NodeFilter.FILTER_ACCEPT
    const e = node as Element;
    return e.matches(SILENT) || (masks.length > 0 && isMasked(e, masks)) ? 2 : 3; // REJECT : SKIP
  };
  if (el.matches(SILENT)) return '';
  // 0x1 | 0x4: elements (to reject subtrees) and text nodes.
  const walker = doc.createTreeWalker(el, 0x5, { acceptNode: filter });
  let text = '';
  for (let n = walker.nextNode(); n && text.length < ENOUGH; n = walker.nextNode()) {
    if (n.nodeType === 3) text += ` ${n.nodeValue ?? ''}`;
  }
  return text;
}

function trim(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > MAX_NAME ? `${t.slice(0, MAX_NAME - 1).trimEnd()}…` : t;
}
