/**
 * A short, stable CSS selector of `el` from what survives deploys and never from text: up to 3
 * levels, each `tag#id` (which ends the walk) or `tag[data-*^="..."].class.class` (the first data
 * attribute by the first 40 chars of its value, the first two classes), joined by `>`. At most 256 chars, as the wire format requires.
 */
export function selectorOf(el: Element | null): string {
  let s = '';
  for (let i = 0, id; el && i++ < 3 && el != document.documentElement; el = id ? null : el.parentElement) {
    const a = el.getAttributeNames().find((n) => n.startsWith('data-'));
    s =
      el.localName +
      ((id = el.id)
        ? '#' + CSS.escape(id)
        : (a ? `[${a}^="${CSS.escape(el.getAttribute(a)!.slice(0, 40))}"]` : '') + [...el.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('')) +
      (s && '>' + s);
  }
  return s.slice(0, 256);
}
