import { readFileSync } from 'node:fs';
import { runInContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { PRODUCTS } from '../products.mjs';
import { renderPage } from '../render-page.mjs';
import { SHOP_PAGES } from '../server.mjs';
import { LAYOUT, layoutOf } from './shop-layout.mjs';

const CLICKS = fileURLToPath(new URL('../../../packages/sdk/src/trackers/clicks.ts', import.meta.url));
/** The account area's router renders its views (the reorder button among them) on load. */
const APP_JS = fileURLToPath(new URL('../public/app.js', import.meta.url));
/**
 * One path per page layout (the account area's views share one) and every product page (the photo's
 * selector names its product).
 */
const PATHS = SHOP_PAGES.filter((p) => !p.startsWith('/app/'));

/**
 * What the SDK would name each spot of the shop's layout: the SDK's own click tracker (its
 * sources, bundled with esbuild) runs on each page's real HTML in happy-dom, a click is
 * dispatched on the element a spot's `sel` query finds, and the `sel` of the event the tracker
 * emits is kept. So synthetic clicks carry exactly the selectors real visitors' browsers send, and
 * the printout names elements as the dashboard does, whatever rule the SDK follows.
 * Resolves to `layoutFor(path)`: the page's layout (shop-layout.mjs) with each spot's `sel`
 * replaced by the SDK's selector, and `missing`: spots whose element was not found (they keep
 * their query).
 * @returns {Promise<{
 *   layoutFor: (path: string) => {h: number, spots: Record<string, import('./shop-layout.mjs').Spot>},
 *   missing: string[],
 * }>}
 */
export async function sdkSelectors() {
  const [{ build }, { Window }] = await Promise.all([import('esbuild'), import('happy-dom')]);
  const out = await build({
    stdin: {
      contents: `import { trackClicks } from ${JSON.stringify(CLICKS)};\nglobalThis.__track = trackClicks;`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  const layouts = new Map();
  const missing = [];
  for (const path of PATHS) {
    const page = layoutOf(path);
    const product = PRODUCTS.find((p) => path === `/product/${p.id}`);
    const html = renderPage(page, { collectorUrl: 'http://collector.invalid', site: 'demo', product });
    const window = new Window({ url: `http://shop.invalid${path}`, width: 1280, height: 800 });
    try {
      window.document.write(html);
      if (page === 'app') runInContext(readFileSync(APP_JS, 'utf8'), window);
      runInContext(code, window);
      const seen = [];
      const stop = window.__track((e) => seen.push(e));
      const spots = {};
      for (const [name, spot] of Object.entries(LAYOUT[page].spots)) {
        // A click on the account area's nav changes its view: go back to this page's first.
        if (page === 'app') {
          window.history.replaceState(null, '', path);
          window.dispatchEvent(new window.PopStateEvent('popstate'));
        }
        const el = window.document.querySelector(spot.sel);
        seen.length = 0;
        if (el)
          el.dispatchEvent(
            new window.MouseEvent('click', { bubbles: true, cancelable: true, detail: 1, clientX: 10, clientY: 10 }),
          );
        const sel = seen[0]?.sel;
        if (!sel) missing.push(`${path}: ${spot.sel}`);
        spots[name] = { ...spot, sel: sel ?? spot.sel };
      }
      stop();
      layouts.set(path, { ...LAYOUT[page], spots });
    } finally {
      await window.happyDOM.close();
    }
  }
  return { layoutFor: (path) => layouts.get(path) ?? LAYOUT[layoutOf(path)] ?? { h: 900, spots: {} }, missing };
}
