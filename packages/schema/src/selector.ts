import { MAX_SELECTOR } from './constants.js';

/**
 * The selector grammar the SDK emits and the overlay is willing to run (nothing else is resolved in
 * an owner's page, so a visitor cannot make it slow: no descendant combinator, `:has`, `*` or
 * other pseudo-classes). At most `MAX_SELECTOR` chars:
 *
 * ```
 * selector := part (">>>" part)*               ; ">>>" enters the open shadow root of the element before it
 * part     := compound (">" compound)*         ; child combinators only, at most 8 compounds
 * compound := tag ("#" ident | "." ident | "[" attr '="' value '"]' | ":nth-of-type(" n ")")*
 * ```
 *
 * `ident` is what `CSS.escape` returns; `value` a double-quoted CSS string. Attribute tests are
 * equality only (`[a^=""]` never matches, so prefixes are not part of the grammar).
 */
const IDENT = String.raw`(?:[A-Za-z0-9_\u0080-\uFFFF-]|\\[0-9A-Fa-f]{1,6} ?|\\[^0-9A-Fa-f\n])+`;
const ATTR = String.raw`\[[A-Za-z_][A-Za-z0-9_.:-]*="(?:[^"\\\n]|\\.)*"\]`;
const NTH = String.raw`:nth-of-type\([1-9][0-9]{0,4}\)`;
const COMPOUND = String.raw`[a-z][a-z0-9-]*(?:#${IDENT}|\.${IDENT}|${ATTR}|${NTH})*`;
const PART = new RegExp(String.raw`^${COMPOUND}(?:>${COMPOUND}){0,7}$`);

/** Shadow-root boundary inside a selector: the part after it is resolved in the host's open shadow root. */
export const SHADOW_SEPARATOR = '>>>';

/**
 * Splits a selector of the SDK's grammar into its parts (one per shadow root, outermost first), or
 * returns null when it is not of the grammar (too long, another combinator, a pseudo-class, ...).
 */
export function parseSelector(sel: string): string[] | null {
  if (typeof sel !== 'string' || sel.length === 0 || sel.length > MAX_SELECTOR) return null;
  const parts = sel.split(SHADOW_SEPARATOR);
  return parts.every((p) => PART.test(p)) ? parts : null;
}

/** What `resolveSelector` needs of a document or shadow root (the schema has no DOM types). */
export interface SelectorScope<E> {
  querySelector(selector: string): E | null;
}

/**
 * Finds the element a selector of the SDK's grammar names, starting at `root` (the document) and
 * entering open shadow roots at each `>>>`, or null (not of the grammar, no match, a closed root).
 * Never throws.
 */
export function resolveSelector<E extends { shadowRoot: SelectorScope<E> | null }>(
  sel: string,
  root: SelectorScope<E>,
): E | null {
  const parts = parseSelector(sel);
  if (!parts) return null;
  let scope: SelectorScope<E> | null = root;
  let el: E | null = null;
  for (const part of parts) {
    if (!scope) return null;
    try {
      el = scope.querySelector(part);
    } catch {
      return null;
    }
    if (!el) return null;
    scope = el.shadowRoot;
  }
  return el;
}
