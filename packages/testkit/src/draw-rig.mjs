// Drive the built overlay in real Chromium with crafted snapshots, without a collector: the
// extension is loaded unpacked, its service worker injects the content script into a tab and
// sends it `overlay:draw` (the very message the live feed sends). Shared by the end-to-end tests
// (test/overlay-heat.test.ts), bench/frame-time.mjs and scripts/screenshots.mjs; plain JS so node
// runs it without a build step. See draw-rig.d.mts for the types.
import { createServer } from 'node:http';
import { launchWithExtension } from './chromium.mjs';
import { extensionWorker, prepareTestExtension } from './test-extension.mjs';

/** A full snapshot frame with nothing in it: `emptySnapshot` of snapshot.mjs. */
export { emptySnapshot as snapshot } from './snapshot.mjs';

/** Start Chromium with the built extension and, unless `baseUrl` is given, a server of `pages` (path -> HTML). */
export async function startDrawRig({ pages = {}, baseUrl } = {}) {
  const cleanup = [];
  const close = async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  };
  try {
    let url = baseUrl;
    if (!url) {
      const server = createServer((req, res) => {
        const html = pages[new URL(req.url ?? '/', 'http://x').pathname];
        if (html === undefined) return res.writeHead(404).end();
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
      });
      await new Promise((r) => server.listen(0, '127.0.0.1', r));
      cleanup.push(() => new Promise((r) => server.close(r)));
      url = `http://127.0.0.1:${server.address().port}`;
    }
    // Headless Chromium cannot answer a permission prompt: pre-grant loopback (see test-extension.mjs).
    const ext = prepareTestExtension();
    cleanup.push(async () => ext.dispose());
    const context = await launchWithExtension(ext.dir);
    cleanup.push(() => context.dispose());
    const { worker } = await extensionWorker(context);
    return {
      url,
      context,
      close,
      /** Open `path` in a new tab of `viewport` size; returns the page and its tab id. */
      async open(path, viewport = { width: 1280, height: 800 }) {
        const page = await context.newPage();
        await page.setViewportSize(viewport);
        await page.goto(url + path);
        const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, page.url());
        return { page, tabId };
      },
      /** Mount the overlay in a tab (once) and draw a snapshot with settings; resolves after two frames. */
      async draw(page, tabId, snapshot, settings) {
        await worker.evaluate(
          async ([id, snap, s]) => {
            await chrome.scripting.executeScript({ target: { tabId: id }, files: ['content.js'] });
            await chrome.tabs.sendMessage(id, { type: 'overlay:draw', snapshot: snap, settings: s });
          },
          [tabId, snapshot, settings],
        );
        await frames(page);
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Wait for two animation frames in the page (a scroll's redraw has happened). */
export function frames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * The overlay canvas read back in a viewport rectangle (CSS px): its hottest point (the centroid
 * of the pixels of the hottest colour: the palette runs blue, cyan, lime, yellow, red, so heat is
 * 240 minus the hue) with that colour, and the sum of alpha inside. `null` without an overlay.
 */
export function readHeat(page, rect) {
  return page.evaluate((r) => {
    const canvas = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
    if (!canvas) return null;
    const dpr = canvas.width / innerWidth;
    const x0 = Math.max(0, Math.floor(r.x * dpr));
    const y0 = Math.max(0, Math.floor(r.y * dpr));
    const w = Math.min(canvas.width - x0, Math.ceil(r.w * dpr));
    const h = Math.min(canvas.height - y0, Math.ceil(r.h * dpr));
    if (w <= 0 || h <= 0) return { peak: null, sum: 0 };
    const d = canvas.getContext('2d').getImageData(x0, y0, w, h).data;
    const heat = (i) => {
      const [rr, g, b] = [d[i], d[i + 1], d[i + 2]];
      const mx = Math.max(rr, g, b);
      const mn = Math.min(rr, g, b);
      if (mx === mn) return 0;
      let hue =
        mx === rr
          ? ((g - b) / (mx - mn)) * 60
          : mx === g
            ? (2 + (b - rr) / (mx - mn)) * 60
            : (4 + (rr - g) / (mx - mn)) * 60;
      if (hue < 0) hue += 360;
      return hue > 300 ? 240 : 240 - Math.min(240, hue);
    };
    let best = -1;
    let sum = 0;
    let sx = 0;
    let sy = 0;
    let n = 0;
    let at = -1;
    for (let i = 0; i < d.length; i += 4) {
      sum += d[i + 3];
      if (d[i + 3] < 40) continue; // the faint rim of a kernel, where colour is not yet heat
      const v = Math.round(heat(i));
      if (v > best) [best, sx, sy, n, at] = [v, 0, 0, 0, i];
      if (v === best) {
        const p = i / 4;
        sx += p % w;
        sy += Math.floor(p / w);
        n++;
      }
    }
    if (best < 0) return { peak: null, sum };
    return {
      peak: {
        x: (x0 + sx / n + 0.5) / dpr,
        y: (y0 + sy / n + 0.5) / dpr,
        rgba: [d[at], d[at + 1], d[at + 2], d[at + 3]],
      },
      sum,
    };
  }, rect);
}
