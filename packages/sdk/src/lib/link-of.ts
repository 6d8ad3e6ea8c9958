/** The `<a href>` (or `<area href>`) an event's target sits in, if any. */
export function linkOf(e: globalThis.Event): HTMLAnchorElement | null {
  const t = e.target;
  return t instanceof Element ? (t.closest('a[href],area[href]') as HTMLAnchorElement | null) : null;
}
