import type { MixedSnapshot } from '@heatlens/heat/mix-widths';
import { hoverBox } from '@heatlens/heat/hover-box';
import { findScrollRoot } from '@heatlens/schema/scroll-root';
import { debounce, throttle } from 'throttle-debounce';
import type { OverlaySettings } from '../settings.js';
import { createElementBoxes } from './element-boxes.js';
import { measureLayout } from './measure-layout.js';
import { createOverlayHost } from './overlay-host.js';
import { createPainter, type PaintState } from './overlay-painter.js';
import { createPinnedBoxes } from './pinned-boxes.js';
import { watchNavigation } from './watch-navigation.js';
import { watchPage } from './watch-page.js';

export { OVERLAY_ID } from './overlay-host.js';

/** A mounted overlay. */
export type Overlay = {
  /**
   * draw a snapshot (null: clear, e.g. while a new page's first snapshot is on its way); under
   * "All widths" the mix of the viewer's width's tiles and every width's elements (`mixWidths`)
   */
  draw(snapshot: MixedSnapshot | null, settings: OverlaySettings): void;
  /** remove every trace: element, listeners, observers, timers */
  destroy(): void;
};

/** Options of `mountOverlay`. */
export type MountOptions = {
  /** called with the new path when the page changes its URL without loading (SPA navigation) */
  onNavigate?: (path: string) => void;
  /** how long a layout change waits before the redraw it causes, in ms; default 100 */
  layoutThrottleMs?: number;
  /** how often a DOM change re-resolves the click map's element selectors, in ms; default 300 */
  domThrottleMs?: number;
  /** most ms spent resolving selectors per frame; default 2 (see `createElementBoxes`) */
  resolveBudgetMs?: number;
};

/**
 * The element whose content space page tiles are in: the SDK's rule, shared (`findScrollRoot`).
 * Guarded all the same: a browser without an API the rule uses must not break the overlay.
 */
function scrollRootOf(doc: Document): Element {
  try {
    return findScrollRoot(doc);
  } catch {
    return doc.scrollingElement ?? doc.documentElement;
  }
}

/**
 * Mount the overlay on the page: one viewport-sized, `position: fixed` canvas with
 * `pointer-events: none` on top of everything, in a shadow root so page styles cannot reach it
 * (`createOverlayHost`), drawn by `createPainter`, redrawn on scroll, resize and layout change
 * (`watchPage`). Returns `destroy()`, which undoes all of it.
 * [microsoft/clarity packages/clarity-visualize/src/heatmap.ts]
 */
export function mountOverlay(win: Window, opts: MountOptions = {}): Overlay {
  const doc = win.document;
  const abort = new AbortController();
  const parts = createOverlayHost(doc);
  const ctx = parts.labels.getContext('2d');
  const pinned = createPinnedBoxes(doc);
  const elements = createElementBoxes(
    doc,
    opts.resolveBudgetMs === undefined ? {} : { budgetMs: opts.resolveBudgetMs },
  );
  const painter = createPainter(win, parts, elements, pinned);
  // The fixed tiles last hit-tested ("tx,ty" joined); empty: hit-test again.
  let pinnedFor = '';
  let frame = 0;
  const findRoot = (): Element => scrollRootOf(doc);
  const state: PaintState = {
    snapshot: null,
    settings: null,
    scrollRoot: findRoot(),
    documentRoot: true,
    pointer: null,
  };

  const render = (): void => {
    frame = 0;
    if (!ctx) return;
    try {
      const root = state.scrollRoot;
      state.documentRoot = root === doc.scrollingElement || root === doc.documentElement || root === doc.body;
      if (painter.paint(ctx, state)) schedule();
    } catch {
      // Never throw into the host page: a frame that cannot be drawn is skipped.
    }
  };
  const schedule = (): void => {
    frame ||= win.requestAnimationFrame(render);
  };
  // Which pinned boxes lie under the fixed tiles: hit-tested off the frame path, when the fixed
  // tiles change and after layout, DOM and scroll (a header that sticks only once scrolled) change.
  const repin = (force: boolean): void => {
    const { snapshot } = state;
    if (!snapshot || snapshot.kind === 'scroll' || !snapshot.fixed?.length) return;
    const key = snapshot.fixed.map((t) => `${t[0]},${t[1]}`).join(';');
    if (!force && key === pinnedFor) return;
    pinnedFor = key;
    try {
      pinned.refresh(snapshot, measureLayout(win, state.scrollRoot), state.scrollRoot);
    } catch {
      // A page whose hit test throws keeps the last boxes found.
    }
  };
  const onLayout = throttle(opts.layoutThrottleMs ?? 100, () => {
    state.scrollRoot = findRoot();
    repin(true);
    schedule();
  });
  const onScrolled = debounce(opts.layoutThrottleMs ?? 100, () => {
    repin(true);
    schedule();
  });
  // The DOM changed: elements may have come, gone or been replaced; resolve them again, at most
  // every `domThrottleMs`.
  const onDom = throttle(opts.domThrottleMs ?? 300, () => {
    elements.invalidate();
    repin(true);
    schedule();
  });
  const stopWatching = watchPage(
    win,
    parts.host,
    {
      onScroll() {
        schedule();
        onScrolled();
      },
      onLayout,
      onDom,
      // Counts off: the element under the pointer is labelled; a frame is drawn only when it changes.
      onPointer(x, y) {
        if (state.snapshot?.kind !== 'click' || state.settings?.counts) return;
        state.pointer = { x, y };
        if (hoverBox(painter.boxes(), x, y) !== painter.hovered()) schedule();
      },
      // Raised above a dialog or popover that opened, and redrawn either way.
      onToggle(open) {
        if (open) parts.raise();
        onDom();
      },
    },
    abort.signal,
  );
  const stopNavigation = watchNavigation(win, (path) => opts.onNavigate?.(path), abort.signal);

  return {
    draw(next, nextSettings) {
      const started = performance.now();
      state.snapshot = next;
      state.settings = nextSettings;
      elements.set(next?.kind === 'click' ? next.elements : undefined);
      state.scrollRoot = findRoot();
      repin(false);
      if (frame) win.cancelAnimationFrame(frame);
      // Drawn now, not on the next animation frame: a snapshot is news the owner is waiting for.
      // The legend is written after the draw has read the layout, so no write forces a reflow.
      render();
      parts.legend.update(next, nextSettings);
      // A whole new frame: selectors resolved, heat rendered and drawn (the frame-time benchmark).
      parts.canvas.dataset.snapshotMs = (performance.now() - started).toFixed(3);
    },
    destroy() {
      abort.abort();
      stopWatching();
      for (const pending of [onLayout, onDom, onScrolled]) pending.cancel();
      stopNavigation();
      if (frame) win.cancelAnimationFrame(frame);
      parts.host.remove();
    },
  };
}
