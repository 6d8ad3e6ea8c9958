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
 * 3. an app shell: the scrollable element (`overflow-y: auto | scroll`, content taller than its box)
 *    that covers the most of the viewport, and at least half of it;
 * 4. otherwise `document.scrollingElement` (or `<html>`).
 *
 * Never throws (a bad selector falls through to the next rule).
 */
export function findScrollRoot(doc: Document = document): Element {
  const html = doc.documentElement;
  const fallback = doc.scrollingElement || html;
  try {
    const named = html.dataset.scrollRoot;
    const el = named && doc.querySelector(named);
    if (el) return el;
  } catch {
    // not a valid selector: fall through
  }
  const view = doc.defaultView;
  if (!view) return fallback;
  const vw = view.innerWidth;
  const vh = view.innerHeight;
  if (fallback.scrollHeight > vh + 1) return fallback;
  let best: Element = fallback;
  let bestArea = (vw * vh) / 2;
  // Probe a few points rather than walking every element: the app shell's scroller is an ancestor
  // of whatever is at the viewport's centre and its quarter points.
  for (const [fx, fy] of [[0.5, 0.5], [0.25, 0.25], [0.75, 0.75], [0.5, 0.9]] as const) {
    for (let el = doc.elementFromPoint(vw * fx, vh * fy); el && el !== html && el !== doc.body; el = el.parentElement) {
      if (el.scrollHeight <= el.clientHeight + 1) continue;
      const oy = view.getComputedStyle(el).overflowY;
      if (oy !== 'auto' && oy !== 'scroll') continue;
      const r = el.getBoundingClientRect();
      const area = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0)) * Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      if (area > bestArea) {
        best = el;
        bestArea = area;
      }
    }
  }
  return best;
}
