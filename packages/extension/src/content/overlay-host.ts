import { createLegend, OVERLAY_CSS } from './legend.js';

/** Id of the overlay's host element; the canvas inside its shadow root is `#heatlens-canvas`. */
export const OVERLAY_ID = 'heatlens-overlay';

/** The overlay's elements: a host on the page, and inside its shadow root two canvases and the legend. */
export type OverlayHost = {
  host: HTMLElement;
  /** the heat layer (a quarter of CSS px, stretched by the compositor) */
  canvas: HTMLCanvasElement;
  /** lines and labels, at full resolution above the heat */
  labels: HTMLCanvasElement;
  legend: ReturnType<typeof createLegend>;
  /** show the host on top of the page's top layer again (after a dialog or popover of the page opened) */
  raise(): void;
};

/**
 * Add the overlay's host to `doc` (last child of `<html>`, `position: fixed`, `pointer-events: none`,
 * the highest z-index) with a shadow root so page styles cannot reach in, and show it. Nothing else
 * of the page is touched; `host.remove()` undoes it.
 */
export function createOverlayHost(doc: Document): OverlayHost {
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
  return { host, canvas, labels, legend, raise };
}
