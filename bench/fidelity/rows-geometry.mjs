// The row sweep's browser side: the fidelity pages' geometry in real Chromium, nothing else.
//
// For one page at one viewport width (x 800 px, like the fidelity rig) it records what the SDK and
// the overlay measure: the scroll root's content size (`scrollWidth` w, `scrollHeight` h, see
// packages/sdk/src/lib/doc-size.ts), the viewport, every target's box in the root's page space and
// in the viewport at scroll 0, and each fixed target's viewport box at each of its `atScroll`
// positions (with the scroll the root really reached). On a page that grows after load it also
// records the geometry at load (before growth), where visitors click the `early` targets first.
import { createServer } from 'node:http';
import { launchChromium } from '@heatlens/testkit/chromium';
import { startShop } from '../../examples/shop/server.mjs';

const VIEW_H = 800;

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));

/** In the page: root size, viewport, and the targets' boxes (page space of the root, and viewport). */
function snapshot([rootSel, css]) {
  const root = rootSel ? document.querySelector(rootSel) : document.scrollingElement;
  const doc = root === document.scrollingElement;
  const r = doc ? { left: 0, top: 0 } : root.getBoundingClientRect();
  const left = doc ? 0 : r.left + root.clientLeft;
  const top = doc ? 0 : r.top + root.clientTop;
  const sx = doc ? scrollX : root.scrollLeft;
  const sy = doc ? scrollY : root.scrollTop;
  const boxes = css.map((s) => {
    const b = document.querySelector(s)?.getBoundingClientRect();
    if (!b || !(b.width > 0)) return null;
    return {
      view: { x: b.left, y: b.top, w: b.width, h: b.height },
      page: { x: b.left - left + sx, y: b.top - top + sy, w: b.width, h: b.height },
    };
  });
  return {
    w: root.scrollWidth || 1,
    h: root.scrollHeight || 1,
    vw: innerWidth,
    vh: innerHeight,
    rootLeft: left,
    rootTop: top,
    scroll: sy,
    boxes,
  };
}

function scrollRootTo([rootSel, y]) {
  const root = rootSel ? document.querySelector(rootSel) : document.scrollingElement;
  root.scrollTop = y;
  return root.scrollTop;
}

/**
 * @typedef {{x: number, y: number, w: number, h: number}} Box
 * @typedef {{w: number, h: number, vw: number, vh: number, rootLeft: number, rootTop: number,
 *   targets: ({page: Box, view: Box} | null)[], fixedAt: ({scroll: number, view: Box}[] | null)[],
 *   load?: {h: number, targets: ({page: Box, view: Box} | null)[]}}} Geometry
 *   `targets[i]`: target i at scroll 0 (after growth); `fixedAt[i]`: a fixed target's viewport box at
 *   each of its `atScroll` positions; `load`: the page at load time when it grows later.
 */

/** One page's geometry at `width` x 800 px in a fresh tab of `context`. */
async function measurePage(context, url, spec, width) {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width, height: VIEW_H });
    await page.goto(url);
    const css = spec.targets.map((t) => t.css);
    const rootSel = spec.root ?? null;
    let load;
    if (spec.growAfterMs) {
      const s = await page.evaluate(snapshot, [rootSel, css]);
      load = { h: s.h, targets: s.boxes };
      await page.waitForTimeout(spec.growAfterMs + 300);
    }
    await page.evaluate(scrollRootTo, [rootSel, 0]);
    const s = await page.evaluate(snapshot, [rootSel, css]);
    const fixedAt = [];
    for (const t of spec.targets) {
      if (!t.fixed) {
        fixedAt.push(null);
        continue;
      }
      const at = [];
      for (const y of t.atScroll) {
        await page.evaluate(scrollRootTo, [rootSel, y]);
        const f = await page.evaluate(snapshot, [rootSel, [t.css]]);
        if (f.boxes[0]) at.push({ scroll: f.scroll, view: f.boxes[0].view });
      }
      fixedAt.push(at);
    }
    return {
      w: s.w,
      h: s.h,
      vw: s.vw,
      vh: s.vh,
      rootLeft: s.rootLeft,
      rootTop: s.rootTop,
      targets: s.boxes,
      fixedAt,
      ...(load ? { load } : {}),
    };
  } finally {
    await page.close();
  }
}

/**
 * Measure every page at every width in one headless Chromium (the widths of a page in parallel
 * tabs). The pages are served without the SDK (the demo shop's `/sdk.js` request is aborted): the
 * sweep tiles synthetic clicks itself.
 * @param {import('./pages.mjs').BenchPage[]} specs
 * @param {number[]} widths
 * @returns {Promise<Map<string, Map<number, Geometry>>>} page name -> width -> geometry
 */
export async function measureGeometry(specs, widths) {
  const server = createServer((req, res) => {
    const page = specs.find((p) => p.html && p.name === new URL(req.url, 'http://x').pathname.slice(1));
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page.html(''));
  });
  const site = await listen(server);
  const shop = await startShop({ port: 0 });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    await context.route('**/sdk.js', (route) => route.abort());
    const out = new Map();
    for (const spec of specs) {
      const url = spec.shopPath ? shop.url + spec.shopPath : `${site}/${spec.name}`;
      const geos = await Promise.all(widths.map((w) => measurePage(context, url, spec, w)));
      out.set(spec.name, new Map(widths.map((w, i) => [w, geos[i]])));
    }
    return out;
  } finally {
    await browser.close();
    await shop.close();
    await new Promise((r) => (server.closeAllConnections(), server.close(r)));
  }
}
