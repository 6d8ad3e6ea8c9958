/**
 * Names never put in a selector: generated ones that change with each deploy or render (CSS-in-JS
 * and framework prefixes: emotion `css-`, styled-components `sc-`, JSS `jss1`, Svelte `svelte-`,
 * Angular `ng-`; CSS-modules `Name_class__hash` and `_hash`; runs of 3+ digits as in
 * `item-123456`; digit-letters-digit mixes of hashes such as `e1h5q0`, `7ba5bd90`;
 * styled-components' bare hashes such as `kYjWcM`), and any that would need escaping (a leading
 * digit, chars other than ASCII letters, digits, `_`, `-`: Tailwind's `md:flex` and the like), and
 * state classes a page toggles (Bootstrap's `active`, `show`, `collapsed`; `is-*`, `has-*`): a link
 * clicked while ScrollSpy marked it `active` must name that link in any state. A stable name taken
 * for one of these only costs a longer selector.
 */
const SKIP =
  // eslint-disable-next-line @stylistic/max-len -- one regular expression
  /^(?:(?:css|sc|svelte|ng|is|has)-|jss|_|-?\d|(?:active|show|open|in|current|selected|collapsed|checked|disabled)$)|__|\d{3}|\d[a-z]+\d|[a-z][A-Z][a-z]?[A-Z]|[^\w-]/;

/**
 * Attributes that name an element on purpose, in order of preference (Vue `data-v-*` and Angular
 * `_ngcontent-*` are never read).
 */
const KEYS = ['data-testid', 'data-test', 'data-cy', 'data-qa', 'name', 'aria-label', 'href'];

/** `tag` plus what tells it apart, and `:nth-of-type(n)` when a sibling of its tag would match too. */
function compound(e: Element, bare?: unknown): string {
  const tag = e.localName;
  let c = tag;
  let v: string | null;
  if (!bare) {
    if (e.id && !SKIP.test(e.id)) c += '#' + e.id;
    else {
      // Equality tests only, on values that need no escaping; a link by its path (no scheme, query
      // or hash: those may carry personal data and differ per visitor).
      // eslint-disable-next-line no-control-regex -- control characters are excluded on purpose
      const k = KEYS.find((k) => (v = e.getAttribute(k)) && /^[^"\\\0-\x1f?#:]{1,99}$/.test(v));
      c += k
        ? `[${k}="${v!}"]`
        : [...e.classList]
            .filter((x) => !SKIP.test(x))
            .slice(0, 2)
            .map((x) => '.' + x)
            .join('');
    }
  }
  const same = [...e.parentNode!.children].filter((x) => x.localName == tag);
  return same.some((x) => x != e && x.matches(c)) ? c + `:nth-of-type(${same.indexOf(e) + 1})` : c;
}

/** The shortest chain of up to 8 compounds, at most `max` chars, whose first match in `el`'s root is `el`. */
function part(el: Element, max: number, bare?: unknown): string | undefined {
  const root = el.getRootNode() as ParentNode;
  let s = '';
  for (let e: Element | null = el, n = 0; e && n++ < 8 && !/[^a-z\d-]/.test(e.localName); e = e.parentElement) {
    const t = compound(e, bare) + (s && '>' + s);
    if (t.length > max) break;
    if (root.querySelector((s = t)) == el) return s;
  }
}

/**
 * A stable selector of `el` in the grammar of `@heatlens/schema/selector` (`parseSelector` accepts
 * it, `resolveSelector(sel, document)` returns `el`), from what survives deploys and never from
 * text: per element `tag` plus a non-generated plain `#id`, else one of `KEYS` as attribute
 * equality, else up to two non-generated plain classes, with `:nth-of-type(n)` where siblings look
 * alike; joined by `>` from `el` up only as far as needed to be the first match, and by `>>>` at
 * each open shadow root's host. At most 256 chars: when the rich form cannot fit, tags and
 * positions alone; when that cannot either, undefined (no selector rather than a wrong one).
 */
export function selectorOf(el: Element): string | undefined {
  let s = '';
  for (let e: Element | undefined = el; e; e = (e.getRootNode() as ShadowRoot).host) {
    const max = 256 - (s ? s.length + 3 : 0);
    const p = part(e, max) || part(e, max, 1);
    if (!p) return;
    s = p + (s && '>>>' + s);
  }
  return s;
}
