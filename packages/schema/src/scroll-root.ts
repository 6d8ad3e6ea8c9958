/**
 * The page's scroll root: the element whose scroll offset and size page coordinates are measured
 * in. The SDK (where visitors' points are measured) and the overlay (where they are drawn) both call
 * this one function, so both sides agree on the element.
 *
 * Rule, first match wins:
 * 1. the element named by the site: a selector in `<html data-scroll-root="#app">` (the SDK's
 *    `init({scrollRoot})` and the script tag's `data-scroll-root` set it there);
 * 2. the document's own scroller (`document.scrollingElement`) when it can scroll
 *    (its scroll height exceeds the viewport by more than a pixel);
 * 3. an app shell: of the boxes under the viewport's centre (`elementsFromPoint`, so a modal or a
 *    banner over the centre does not hide the shell), topmost first, the first that scrolls
 *    (`overflow-y: auto | scroll`, content taller than its box) and spans at least half the
 *    viewport's width and height; `<body>` counts (a page whose `<html>` hides overflow and whose
 *    body scrolls);
 * 4. otherwise `document.scrollingElement` (or `<html>`).
 *
 * Cheap enough to call about once a second (one hit test, computed styles only of large scrollable
 * boxes); never throws (a bad selector falls through to the next rule).
 */
export function findScrollRoot(doc: Document = document): Element {
  const html = doc.documentElement;
  const view = doc.defaultView;
  const root = doc.scrollingElement || html;
  try {
    const named = html.dataset.scrollRoot;
    const el = named && doc.querySelector(named);
    if (el) return el;
  } catch {
    // not a valid selector: fall through
  }
  if (!view || root.scrollHeight > view.innerHeight + 1) return root;
  const vw = view.innerWidth;
  const vh = view.innerHeight;
  return (
    doc
      .elementsFromPoint(vw / 2, vh / 2)
      .find(
        (el) =>
          el.scrollHeight > el.clientHeight + 1 &&
          el.clientWidth * 2 >= vw &&
          el.clientHeight * 2 >= vh &&
          /auto|scroll/.test(view.getComputedStyle(el).overflowY),
      ) || root
  );
}
