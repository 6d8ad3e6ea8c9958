import type { DrawMap } from '@heatlens/heat/tile-run';
import { debounce, throttle } from 'throttle-debounce';
import type { OverlaySettings } from '../settings.js';
import { findScrollRoot } from '@heatlens/schema/scroll-root';
import { drawFrame } from '@heatlens/heat/draw-frame';
import { hoverBox } from '@heatlens/heat/hover-box';
import type { ElementBox } from '@heatlens/heat/heat-points';
import { createElementBoxes } from './element-boxes.js';
import { createHeatSurface } from '@heatlens/heat/heat-surface';
import { cornerHeat, placeLegend, type LegendPlace } from '@heatlens/heat/legend-place';
import { createLegend, OVERLAY_CSS } from './legend.js';
import { readPalette, type Palette } from '@heatlens/heat/palette';
import { rootBox } from '@heatlens/heat/project';
import { createPinnedBoxes } from './pinned-boxes.js';
import { measureLayout } from './measure-layout.js';
import { watchNavigation } from './watch-navigation.js';

/** Id of the overlay's host element; the canvas inside its shadow root is `#heatlens-canvas`. */
export const OVERLAY_ID = 'heatlens-overlay';

/** A mounted overlay. */
export type Overlay = {
  /** draw a snapshot (null: clear, e.g. while a new page's first snapshot is on its way) */
  draw(snapshot: DrawMap | null, settings: OverlaySettings): void;
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
 * Mount the overlay on the page: one viewport-sized, `position: fixed` canvas with
 * `pointer-events: none` on top of everything, in a shadow root so page styles cannot reach it,
 * redrawn on scroll, resize and layout change. Returns `destroy()`, which undoes all of it.
 * [microsoft/clarity packages/clarity-visualize/src/heatmap.ts]
 */
export function mountOverlay(win: Window, opts: MountOptions = {}): Overlay {
  const doc = win.document;
  const abort = new AbortController();
  const host = doc.createElement('div');
  host.id = OVERLAY_ID;
  host.setAttribute('style', 'all: initial; position: fixed; inset: 0; pointer-events: none; z-index: 2147483647;');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = OVERLAY_CSS;
  // Two layers: heat at a quarter of CSS px (SURFACE_SCALE), stretched by the compositor, and lines and labels
  // at full resolution above it.
  const canvas = doc.createElement('canvas');
  canvas.id = 'heatlens-canvas';
  const labels = doc.createElement('canvas');
  labels.id = 'heatlens-labels';
  const legend = createLegend(doc);
  root.append(style, canvas, labels, legend.el);
  // Above the page's top layer too (a modal <dialog>, a popover paint over any z-index): the host
  // is a manual popover, shown once mounted and raised again whenever the page opens another
  // (the last shown is on top). Where the Popover API is missing it stays a z-index layer.
  host.setAttribute('popover', 'manual');
  doc.documentElement.append(host);
  const raise = (): void => {
    try {
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch {
      // no Popover API, or the host left the document: the z-index still applies
    }
  };
  raise();

  const ctx = labels.getContext('2d');
  const paletteCanvas = doc.createElement('canvas');
  paletteCanvas.width = 256;
  paletteCanvas.height = 1;
  const paletteCtx = paletteCanvas.getContext('2d', { willReadFrequently: true });
  const palette: Palette | null = paletteCtx ? readPalette(paletteCtx) : null;
  const surface = palette ? createHeatSurface(canvas, palette) : null;
  const pinned = createPinnedBoxes(doc);
  // The fixed tiles last hit-tested ("tx,ty" joined); empty: hit-test again.
  let pinnedFor = '';
  const elements = createElementBoxes(
    doc,
    opts.resolveBudgetMs === undefined ? {} : { budgetMs: opts.resolveBudgetMs },
  );

  let snapshot: DrawMap | null = null;
  let settings: OverlaySettings | null = null;
  let frame = 0;
  let labelled = true;
  let place: LegendPlace | undefined;
  // The element whose content space page tiles are in: the SDK's rule, shared (findScrollRoot).
  // Guarded all the same: a browser without an API the rule uses must not break the overlay.
  const findRoot = (): Element => {
    try {
      return findScrollRoot(doc);
    } catch {
      return doc.scrollingElement ?? doc.documentElement;
    }
  };
  let scrollRoot = findRoot();
  const isDocumentRoot = (el: Element) => el === doc.scrollingElement || el === doc.documentElement || el === doc.body;

  let pointer: { x: number; y: number } | null = null;
  let lastBoxes: readonly ElementBox[] = [];
  let hovered: ElementBox | null = null;
  const render = (): void => {
    frame = 0;
    if (!ctx) return;
    try {
      paint(ctx);
    } catch {
      // Never throw into the host page: a frame that cannot be drawn is skipped.
    }
  };

  const paint = (ctx: CanvasRenderingContext2D): void => {
    const started = performance.now();
    const clicks = snapshot?.kind === 'click';
    // Selectors are resolved once per snapshot, a few per frame at most (a time budget).
    const more = clicks && elements.resolve();
    // Reads first (layout, element boxes), then writes: one layout per frame.
    const l = measureLayout(win, scrollRoot);
    const boxes = clicks ? elements.boxes(scrollRoot, rootBox(l)) : [];
    const dpr = win.devicePixelRatio || 1;
    const w = Math.round(l.viewWidth * dpr);
    const h = Math.round(l.viewHeight * dpr);
    if (labels.width !== w || labels.height !== h) {
      labels.width = w;
      labels.height = h;
    } else if (labelled) {
      // Clearing a full-resolution canvas costs: only when the last frame drew lines or labels.
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
    }
    lastBoxes = boxes;
    hovered = pointer ? hoverBox(boxes, pointer.x, pointer.y) : null;
    labelled =
      snapshot?.kind === 'scroll' || (clicks && (Boolean(settings?.counts) || hovered !== null) && boxes.length > 0);
    const heat = surface?.begin({ w: l.viewWidth, h: l.viewHeight }) ?? null;
    if (snapshot && settings && palette && surface && snapshot.grid > 0) {
      const drawn = drawFrame({
        ctx,
        surface,
        heat,
        palette,
        layout: l,
        documentRoot: isDocumentRoot(scrollRoot),
        dpr,
        snapshot,
        settings,
        boxes,
        hover: pointer,
        pinned: snapshot.kind !== 'scroll' && snapshot.fixed?.length ? pinned.rects() : undefined,
      });
      // Off the heat in view: no layout read, only what this frame drew.
      place = placeLegend(
        cornerHeat(drawn ? [drawn.page, drawn.free, drawn.elements] : [], boxes, l.viewWidth, l.viewHeight),
        place,
      );
      legend.place(place);
    }
    // Kept on the canvas, inside the shadow root (no page observer sees it), for the frame-time benchmark.
    canvas.dataset.frameMs = (performance.now() - started).toFixed(3);
    if (more) schedule();
  };

  const schedule = (): void => {
    frame ||= win.requestAnimationFrame(render);
  };
  // Which pinned boxes lie under the fixed tiles: hit-tested off the frame path, when the fixed
  // tiles change and after layout, DOM and scroll (a header that sticks only once scrolled) change.
  const repin = (force: boolean): void => {
    if (!snapshot || snapshot.kind === 'scroll' || !snapshot.fixed?.length) return;
    const key = snapshot.fixed.map((t) => `${t[0]},${t[1]}`).join(';');
    if (!force && key === pinnedFor) return;
    pinnedFor = key;
    try {
      pinned.refresh(snapshot, measureLayout(win, scrollRoot), scrollRoot);
    } catch {
      // A page whose hit test throws keeps the last boxes found.
    }
  };
  const onLayout = throttle(opts.layoutThrottleMs ?? 100, () => {
    scrollRoot = findRoot();
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
  const listen = { passive: true, signal: abort.signal } as const;
  // Counts off: the element under the pointer is labelled. The canvas takes no pointer events, so
  // the document's pointer moves are hit-tested against the boxes of the last frame; a frame is
  // drawn only when the element under the pointer changes.
  doc.addEventListener(
    'pointermove',
    (e) => {
      if (snapshot?.kind !== 'click' || settings?.counts) return;
      pointer = { x: e.clientX, y: e.clientY };
      if (hoverBox(lastBoxes, pointer.x, pointer.y) !== hovered) schedule();
    },
    listen,
  );
  // Capturing on the window sees every element's scroll too (scroll events do not bubble): an app
  // shell's inner scroller moves the heat as the document's does.
  win.addEventListener('scroll', schedule, { ...listen, capture: true });
  win.addEventListener('scroll', onScrolled, { ...listen, capture: true });
  win.addEventListener('resize', onLayout, listen);
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(onLayout) : null;
  observer?.observe(doc.documentElement);
  if (doc.body) observer?.observe(doc.body);
  // A dialog or popover of the page opened or closed (`toggle`, captured: it does not bubble):
  // raised above it if it opened, and redrawn either way (what it covered or revealed changed,
  // with no class or child list touched).
  win.addEventListener(
    'toggle',
    (e) => {
      if (e.target === host) return;
      if ((e as ToggleEvent).newState === 'open') raise();
      onDom();
    },
    { ...listen, capture: true },
  );
  const mutations = typeof MutationObserver === 'function' ? new MutationObserver(onDom) : null;
  mutations?.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    // `open`: a <dialog> shown or closed (also where no `toggle` is fired for dialogs).
    attributeFilter: ['id', 'class', 'open'],
  });
  const stopNavigation = watchNavigation(win, (path) => opts.onNavigate?.(path), abort.signal);

  return {
    draw(next, nextSettings) {
      const started = performance.now();
      snapshot = next;
      settings = nextSettings;
      elements.set(next?.kind === 'click' ? next.elements : undefined);
      scrollRoot = findRoot();
      repin(false);
      if (frame) win.cancelAnimationFrame(frame);
      // Drawn now, not on the next animation frame: a snapshot is news the owner is waiting for.
      // The legend is written after the draw has read the layout, so no write forces a reflow.
      render();
      legend.update(next, nextSettings);
      // A whole new frame: selectors resolved, heat rendered and drawn (the frame-time benchmark).
      canvas.dataset.snapshotMs = (performance.now() - started).toFixed(3);
    },
    destroy() {
      abort.abort();
      observer?.disconnect();
      mutations?.disconnect();
      onLayout.cancel();
      onDom.cancel();
      onScrolled.cancel();
      stopNavigation();
      if (frame) win.cancelAnimationFrame(frame);
      host.remove();
    },
  };
}
