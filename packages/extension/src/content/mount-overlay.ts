import type { SnapshotMessage } from '@heatlens/schema/live';
import { throttle } from 'throttle-debounce';
import type { OverlaySettings } from '../settings.js';
import { drawFrame } from './draw-frame.js';
import { paintGrid } from './grid-image.js';
import { createLegend, OVERLAY_CSS } from './legend.js';
import { readPalette, type Palette } from './palette.js';
import type { Layout } from './project.js';
import { watchNavigation } from './watch-navigation.js';

/** Id of the overlay's host element; the canvas inside its shadow root is `#heatlens-canvas`. */
export const OVERLAY_ID = 'heatlens-overlay';

/** A mounted overlay. */
export type Overlay = {
  /** draw a snapshot (null: clear, e.g. while a new page's first snapshot is on its way) */
  draw(snapshot: SnapshotMessage | null, settings: OverlaySettings): void;
  /** remove every trace: element, listeners, observers, timers */
  destroy(): void;
};

/** Options of `mountOverlay`. */
export type MountOptions = {
  /** called with the new path when the page changes its URL without loading (SPA navigation) */
  onNavigate?: (path: string) => void;
  /** how long a layout change waits before the redraw it causes, in ms; default 100 */
  layoutThrottleMs?: number;
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
  const canvas = doc.createElement('canvas');
  canvas.id = 'heatlens-canvas';
  const legend = createLegend(doc);
  root.append(style, canvas, legend.el);
  doc.documentElement.append(host);

  const ctx = canvas.getContext('2d');
  const tileCanvas = doc.createElement('canvas');
  const tileCtx = tileCanvas.getContext('2d');
  const paletteCanvas = doc.createElement('canvas');
  paletteCanvas.width = 256;
  paletteCanvas.height = 1;
  const paletteCtx = paletteCanvas.getContext('2d', { willReadFrequently: true });
  const palette: Palette | null = paletteCtx ? readPalette(paletteCtx) : null;

  let image: ImageData | null = null; // reused across snapshots: one allocation per grid size
  let snapshot: SnapshotMessage | null = null;
  let settings: OverlaySettings | null = null;
  let frame = 0;

  const layout = (): Layout => {
    const el = doc.documentElement;
    // The same document size the SDK divides by, so a tile lands where its samples were taken.
    return {
      docWidth: el.scrollWidth,
      docHeight: el.scrollHeight,
      scrollX: win.scrollX,
      scrollY: win.scrollY,
      viewWidth: win.innerWidth,
      viewHeight: win.innerHeight,
    };
  };

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
    const l = layout();
    const dpr = win.devicePixelRatio || 1;
    const w = Math.round(l.viewWidth * dpr);
    const h = Math.round(l.viewHeight * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (snapshot && settings && snapshot.grid > 0) {
      drawFrame({ ctx, tiles: tileCanvas, grid: snapshot.grid, layout: l, dpr, snapshot, settings, find: (s) => doc.querySelector(s) });
    }
    // Kept on the canvas, inside the shadow root (no page observer sees it), for the frame-time benchmark.
    canvas.dataset.frameMs = (performance.now() - started).toFixed(3);
  };

  const schedule = (): void => {
    frame ||= win.requestAnimationFrame(render);
  };
  const onLayout = throttle(opts.layoutThrottleMs ?? 100, schedule);

  const listen = { passive: true, signal: abort.signal } as const;
  win.addEventListener('scroll', schedule, listen);
  win.addEventListener('resize', schedule, listen);
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(onLayout) : null;
  observer?.observe(doc.documentElement);
  if (doc.body) observer?.observe(doc.body);
  const stopNavigation = watchNavigation(win, (path) => opts.onNavigate?.(path), abort.signal);

  return {
    draw(next, nextSettings) {
      const started = performance.now();
      const repaint = next !== snapshot || settings?.opacity !== nextSettings.opacity;
      snapshot = next;
      settings = nextSettings;
      if (repaint && next && palette && tileCtx && next.grid > 0) {
        if (tileCanvas.width !== next.grid || !image) {
          tileCanvas.width = tileCanvas.height = next.grid;
          image = tileCtx.createImageData(next.grid, next.grid);
        }
        paintGrid(image.data, next, palette, nextSettings.opacity);
        tileCtx.putImageData(image, 0, 0);
      }
      if (frame) win.cancelAnimationFrame(frame);
      // Drawn now, not on the next animation frame: a snapshot is news the owner is waiting for.
      // The legend is written after the draw has read the layout, so no write forces a reflow.
      render();
      legend.update(next, nextSettings);
      // A whole new frame: tiles painted from the snapshot, then drawn (the frame-time benchmark).
      canvas.dataset.snapshotMs = (performance.now() - started).toFixed(3);
    },
    destroy() {
      abort.abort();
      observer?.disconnect();
      onLayout.cancel();
      stopNavigation();
      if (frame) win.cancelAnimationFrame(frame);
      host.remove();
    },
  };
}
