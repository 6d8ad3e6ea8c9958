// What the end-to-end suites read back from the overlay, as functions that run inside the page:
// each takes one serialisable argument, so Playwright's `page.evaluate(fn, arg)` (Chromium) and
// Puppeteer's (Firefox over WebDriver BiDi) run the very same probe. Self-contained on purpose:
// they are sent to the page as source text. Types in overlay-probes.d.mts.

/**
 * RGBA of the overlay at viewport point `[x, y]` (CSS px), or null when there is no overlay: the
 * label canvas (lines, outlines, counts) where it has paint, else the heat canvas (a quarter of
 * CSS px, stretched by the compositor).
 */
export function overlayPixelIn([px, py]) {
  const root = document.getElementById('heatlens-overlay')?.shadowRoot;
  const read = (id) => {
    const canvas = root?.getElementById(id);
    if (!canvas || canvas.width === 0) return null;
    const dpr = canvas.width / innerWidth;
    const d = canvas.getContext('2d').getImageData(Math.floor(px * dpr), Math.floor(py * dpr), 1, 1).data;
    return [d[0], d[1], d[2], d[3]];
  };
  const label = read('heatlens-labels');
  return label && label[3] > 0 ? label : read('heatlens-canvas');
}

/**
 * The highest heat alpha (0..255) inside the viewport rectangle `{x, y, w, h}` (CSS px) of the heat
 * canvas, or null without an overlay.
 */
export function heatAlphaIn({ x, y, w, h }) {
  const canvas = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
  if (!canvas || canvas.width === 0) return null;
  const dpr = canvas.width / innerWidth;
  const x0 = Math.max(0, Math.floor(x * dpr));
  const y0 = Math.max(0, Math.floor(y * dpr));
  const cw = Math.min(canvas.width - x0, Math.ceil(w * dpr));
  const ch = Math.min(canvas.height - y0, Math.ceil(h * dpr));
  if (cw <= 0 || ch <= 0) return 0;
  const d = canvas.getContext('2d').getImageData(x0, y0, cw, ch).data;
  let max = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > max) max = d[i];
  return max;
}

/**
 * Resolve with the ms it took until the heat canvas shows colour (alpha > 0) at `[x, y]`, polling
 * inside the page every few ms; reject after `limit` ms.
 */
export function colourWaitIn([px, py, limit]) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      const canvas = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
      if (canvas && canvas.width > 0) {
        const dpr = canvas.width / innerWidth;
        const alpha = canvas.getContext('2d').getImageData(Math.floor(px * dpr), Math.floor(py * dpr), 1, 1).data[3];
        if (alpha > 0) return resolve(performance.now() - started);
      }
      if (performance.now() - started > limit) return reject(new Error(`no colour at ${px},${py} within ${limit} ms`));
      setTimeout(check, 5);
    };
    check();
  });
}

/** The legend's sample count and path, or null without an overlay. */
export function legendIn() {
  const root = document.getElementById('heatlens-overlay')?.shadowRoot;
  if (!root) return null;
  return {
    total: root.getElementById('heatlens-total')?.textContent ?? '',
    path: root.getElementById('heatlens-path')?.textContent ?? '',
  };
}

/** Viewport box `{x, y, w, h}` (CSS px) of the first element matching `selector`, or null. */
export function boxIn(selector) {
  const r = document.querySelector(selector)?.getBoundingClientRect();
  return r ? { x: r.x, y: r.y, w: r.width, h: r.height } : null;
}
