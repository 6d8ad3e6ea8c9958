/** What `watchPage` reports; each is called as the event comes (throttle in the handler). */
export type PageWatchers = {
  /** any scroll, the document's or an inner scroller's (captured: scroll events do not bubble) */
  onScroll(): void;
  /** the window resized, or the size of `<html>` or `<body>` changed */
  onLayout(): void;
  /** nodes came or went, or an `id`, `class` or `open` attribute changed (a dialog shown or closed) */
  onDom(): void;
  /** the pointer moved, viewport CSS px */
  onPointer(x: number, y: number): void;
  /** a dialog or popover of the page other than `own` opened (`open` true) or closed */
  onToggle(open: boolean): void;
};

/**
 * Listen to what moves the overlay's heat: scroll, resize, layout, DOM and top-layer changes, and the
 * pointer (the canvas takes no pointer events, so the document's moves are hit-tested). Every listener
 * is added with `signal` and passive; the observers are disconnected by the returned `stop`.
 */
export function watchPage(win: Window, own: Element, on: PageWatchers, signal: AbortSignal): () => void {
  const doc = win.document;
  const listen = { passive: true, signal } as const;
  doc.addEventListener('pointermove', (e) => on.onPointer(e.clientX, e.clientY), listen);
  // Capturing on the window sees every element's scroll too (scroll events do not bubble): an app
  // shell's inner scroller moves the heat as the document's does.
  win.addEventListener('scroll', () => on.onScroll(), { ...listen, capture: true });
  win.addEventListener('resize', () => on.onLayout(), listen);
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => on.onLayout()) : null;
  observer?.observe(doc.documentElement);
  if (doc.body) observer?.observe(doc.body);
  // A dialog or popover of the page opened or closed (`toggle`, captured: it does not bubble): what
  // it covered or revealed changed, with no class or child list touched.
  win.addEventListener(
    'toggle',
    (e) => {
      if (e.target !== own) on.onToggle(e.newState === 'open');
    },
    { ...listen, capture: true },
  );
  const mutations = typeof MutationObserver === 'function' ? new MutationObserver(() => on.onDom()) : null;
  mutations?.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    // `open`: a <dialog> shown or closed (also where no `toggle` is fired for dialogs).
    attributeFilter: ['id', 'class', 'open'],
  });
  return () => {
    observer?.disconnect();
    mutations?.disconnect();
  };
}
