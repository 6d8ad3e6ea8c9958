#!/usr/bin/env node
// `node examples/shop/simulate/record-clicks.mjs` (re)writes shop-clicks.json: for every shop page
// layout and every viewport the simulator plays, the click event the SDK sends in real Chromium
// when a visitor clicks each spot of shop-layout.mjs (the SDK's own click tracker, from its
// sources, on the real shop). The simulator replays these events, so its clicks carry exactly the
// selector, page point, point inside the element and fixed-layer fields a browser sends.
// test/simulate-chromium.test.ts records them again and fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SHOP_PAGES } from '../server.mjs';
import { LAYOUT, layoutOf } from './shop-layout.mjs';
import { VIEWPORTS } from './viewports.mjs';

const CLICKS = fileURLToPath(new URL('../../../packages/sdk/src/trackers/clicks.ts', import.meta.url));
/** The file the simulator reads. */
export const CLICKS_FILE = fileURLToPath(new URL('./shop-clicks.json', import.meta.url));

/**
 * One path per page layout, every product page (the photo's selector names its product); the
 * account area's views share `/app`'s nav, and only `/app` shows the reorder button.
 */
export const RECORDED_PATHS = SHOP_PAGES.filter((p) => p !== '/app/orders' && p !== '/app/settings');

/** The SDK's click tracker from its sources, as a classic script defining `window.__track`. */
async function trackerScript() {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: {
      contents: `import { trackClicks } from ${JSON.stringify(CLICKS)};\nwindow.__track = trackClicks;`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/**
 * Click every spot of every recorded path at every simulator viewport in Chromium (Playwright's
 * click: scrolled into view, at the centre of the element's box, as `browser-visitor.mjs` clicks)
 * and keep the event the SDK's tracker emits, without `ts`. Navigation is prevented so one load
 * serves a page's spots. A spot Chromium dispatches no click for (an `<audio>`'s controls take
 * it) is recorded as `null`: a place cursors drift to, never clicked. Throws when a spot's element
 * is missing or the SDK's event has no selector: the layout is out of date, and nothing may be
 * guessed instead.
 * @param {import('playwright-core').Browser} browser
 * @param {string} shopUrl a running shop (examples/shop/server.mjs)
 * @returns {Promise<Record<string, Record<string, {h: number, spots: Record<string, object>}>>>}
 *   path -> viewport width -> the document height and each spot's click event
 */
export async function recordShopClicks(browser, shopUrl) {
  const script = await trackerScript();
  const out = {};
  for (const vp of VIEWPORTS) {
    const context = await browser.newContext({ viewport: { width: vp.vw, height: vp.vh } });
    // The page's own SDK tag and anything off the shop are not needed.
    await context.route(
      (url) => !url.href.startsWith(shopUrl),
      (route) => route.abort(),
    );
    await context.addInitScript(script);
    await context.addInitScript(() => addEventListener('click', (e) => e.preventDefault(), true));
    try {
      for (const path of RECORDED_PATHS) {
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(e));
        await page.goto(shopUrl + path, { waitUntil: 'load' });
        await page.evaluate(() => {
          window.__seen = [];
          window.__track((e) => window.__seen.push(e));
        });
        const spots = {};
        for (const [name, spot] of Object.entries(LAYOUT[layoutOf(path)].spots)) {
          await page.evaluate(() => (window.__seen.length = 0));
          await page.click(spot.sel, { timeout: 5000 });
          const [ev] = await page.evaluate(() => window.__seen);
          if (ev && !ev.sel) throw new Error(`${path} at ${vp.vw} px: the SDK sent no selector for ${spot.sel}`);
          if (!ev) {
            spots[name] = null;
            continue;
          }
          const { ts: _ts, ...event } = ev;
          spots[name] = event;
        }
        if (errors.length) throw new Error(`${path} at ${vp.vw} px: ${errors[0].message}`);
        const h = await page.evaluate(() => document.documentElement.scrollHeight);
        (out[path] ??= {})[vp.vw] = { h, spots };
        await page.close();
      }
    } finally {
      await context.close();
    }
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { launchChromium } = await import('@heatlens/testkit/chromium');
  const { startShop } = await import('../server.mjs');
  const shop = await startShop({ port: 0, collectorUrl: 'http://collector.invalid' });
  const browser = await launchChromium();
  try {
    const clicks = await recordShopClicks(browser, shop.url);
    // In the repository's layout, so the lint's prettier check passes on the file as written.
    const { format, resolveConfig } = await import('prettier');
    const layout = await resolveConfig(CLICKS_FILE);
    writeFileSync(CLICKS_FILE, await format(JSON.stringify(clicks), { ...layout, parser: 'json' }));
    console.log(`wrote ${CLICKS_FILE}`);
  } finally {
    await browser.close();
    await shop.close();
  }
}
