#!/usr/bin/env node
// Rage and dead clicks against a hand classification, in real Chromium with the script-tag SDK:
//   - the demo shop, every page: every interactive element in it (the shared header and footer
//     once, on the home page) and a few that are not (a heading, a paragraph, an image);
//   - a Bootstrap-like page whose navigation bar toggles classes as the visitor scrolls (and on a
//     timer, as scrollspy and sticky headers do), with the usual widgets; each element carries
//     its hand classification in `data-truth`;
//   - two real third-party themes from the npm registry, served offline (their CDN scripts from
//     node_modules, fonts and pictures refused): the SB Admin 2 dashboard (startbootstrap-sb-admin-2,
//     Bootstrap 4 and jQuery; its sidebar toggle collapses the sidebar by toggling classes) and the
//     Clean Blog theme (startbootstrap-clean-blog, Bootstrap 5), each at 1280 and 390 px.
// One click per element on a fresh load; a click is dead by hand when a visitor sees nothing
// happen. Links are never followed (the SDK's rule does not look at where they go), except the
// single-page app's own. Rage: a few bursts of three quick clicks and text-selecting triple clicks.
// Run after `pnpm build`: `node bench/dead-clicks.mjs`. Prints a table; asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { launchChromium } from '@heatlens/testkit/chromium';
import { SHOP_PAGES, startShop } from '../examples/shop/server.mjs';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';
import { offlineCdn, themeFile } from '@heatlens/testkit/themes';

// HEATLENS_SDK_FILE: another build of the script tag, to compare (e.g. the one before a change).
const SDK = process.env.HEATLENS_SDK_FILE || SDK_BUNDLE;
// Elements of SB Admin 2 a visitor clicks and sees nothing happen (hand classification, by the key
// `targets` gives them; headings, paragraphs and pictures are added as dead): the topbar search
// button (type=button, no handler: the theme ships the look only). Clean Blog has none but text.
const THEME_DEAD = new Set(['button:nth-of-type(1)']);
if (!existsSync(SDK)) {
  console.error(`${SDK} is missing: run pnpm build first`);
  process.exit(1);
}

// Shop elements a visitor clicks and sees nothing happen (hand classification; the rest of the
// interactive ones respond: navigation, focus, native controls, a status line, a validation bubble).
// The product page's "Apply coupon" has no handler: the shop's dead button on purpose (the
// simulator's rage visitors hammer it, examples/shop/simulate/rage-visitors.mjs).
const SHOP_DEAD = new Set(['button#spa-reorder', 'form#settings > button', 'button#apply-coupon']);

const THEME =
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>theme</title>
<script src="/sdk.js" data-site="bench"></script>
<style>body{margin:0;font:16px sans-serif}nav{position:sticky;top:0;background:#eee;padding:8px}
nav.scrolled{background:#333}.active{font-weight:bold}section{padding:20px;min-height:300px}
.carousel-item{display:none}.carousel-item.active{display:block}.collapse{display:none}.collapse.show{display:block}
.dark{background:#222;color:#eee}</style></head><body>
<nav id="nav"><a class="nav-link" href="#a" data-truth="effect">A</a> ` +
  `<a class="nav-link" href="#b" data-truth="effect">B</a>
<button id="toggler" aria-controls="menu" aria-expanded="false" data-truth="effect"
 onclick="menu.classList.toggle('show');` +
  `this.setAttribute('aria-expanded',menu.classList.contains('show'))">Menu</button>
<span class="brand" data-truth="dead">Brand</span></nav>
<div id="menu" class="collapse"><a href="#x">Hidden link</a></div>
<section id="a"><h1 id="hero" data-truth="dead">Welcome</h1>
<p id="lead" data-truth="dead">` +
  `A paragraph of plain text that a reader may select with a triple click to copy it somewhere.</p>
<img id="pic" width="200" height="100" alt="" data-truth="dead" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
<button id="buy" data-truth="dead">Buy now</button>
<div class="card"><div class="card-body">` +
  `<button id="like" data-truth="effect" onclick="this.classList.toggle('liked');` +
  `this.textContent=this.textContent=='Like'?'Liked':'Like'">Like</button></div></div>
<button id="copy" data-truth="effect" onclick="toast.textContent='Copied'">Copy link</button>
<div class="input-group"><button id="minus" data-truth="effect" onclick="qty.value=+qty.value-1">-</button>` +
  `<input id="qty" value="1" size="2">` +
  `<button id="plus" data-truth="effect" onclick="qty.value=+qty.value+1">+</button></div>
<button id="cart-btn" data-truth="effect" onclick="badge.textContent=+badge.textContent+1">Add to cart</button>
</section>
<section id="b"><div id="carousel" class="carousel"><div class="carousel-inner">
<div class="carousel-item active">One</div><div class="carousel-item">Two</div></div>
<button id="next" class="carousel-control-next" data-truth="effect" ` +
  `onclick="for(const i of carousel.querySelectorAll('.carousel-item'))i.classList.toggle('active')">Next</button></div>
<div class="accordion"><h2><button id="acc" aria-expanded="false" data-truth="effect" ` +
  `onclick="this.setAttribute('aria-expanded',this.getAttribute('aria-expanded')!='true');` +
  `body1.classList.toggle('show')">Section</button></h2>
<div id="body1" class="collapse">Body</div></div>
<button id="theme" data-truth="effect" onclick="document.body.classList.toggle('dark')">Dark mode</button>
<button id="open" data-truth="effect" onclick="dlg.showModal()">Details</button>` +
  `<dialog id="dlg"><form method="dialog"><button>Close</button></form></dialog>
<ul class="nav nav-tabs" role="tablist"><li><button id="tab2" role="tab" aria-selected="false" data-truth="effect" ` +
  `onclick="this.setAttribute('aria-selected','true');pane.textContent='Pane two'">Two</button></li></ul>` +
  `<div id="pane">Pane one</div>
<footer><p id="fine" data-truth="dead">Fine print</p></footer></section>
<div style="position:fixed;top:0;right:0">Cart <span id="badge">0</span></div>
<div class="toast-container" style="position:fixed;bottom:0;right:0"><div id="toast" role="status"></div></div>
<div style="height:1500px"></div>
<script>addEventListener('scroll',()=>nav.classList.toggle('scrolled',scrollY>10),{passive:true});
setInterval(()=>{for(const a of document.querySelectorAll('.nav-link'))a.classList.toggle('active')},150);</script>
</body></html>`;

const sdk = readFileSync(SDK);
// Serves /sdk.js and the theme page; takes batches at /collect (the page records them itself).
const stub = createServer((req, res) => {
  const cors = { 'Access-Control-Allow-Origin': '*' };
  if (req.url?.startsWith('/sdk.js'))
    return res.writeHead(200, { 'Content-Type': 'text/javascript', ...cors }).end(sdk);
  if (req.url == '/collect') return req.resume().on('end', () => res.writeHead(204, cors).end());
  if (req.url?.startsWith('/theme')) return res.writeHead(200, { 'Content-Type': 'text/html' }).end(THEME);
  // The SDK's script tag, as a site owner adds it to the theme's <head>.
  const theme = themeFile(req.url, '<script src="/sdk.js" data-site="bench"></script>');
  if (theme?.missing) return res.writeHead(404).end();
  if (theme) return res.writeHead(200, { 'Content-Type': theme.type }).end(theme.body);
  res.writeHead(404).end();
});
await new Promise((r) => stub.listen(0, '127.0.0.1', r));
const stubUrl = `http://127.0.0.1:${stub.address().port}`;
const shop = await startShop({ port: 0, collectorUrl: stubUrl });

const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
// Offline: a theme's CDN script comes from its npm package; fonts, icons and pictures are refused.
await context.route((u) => !u.href.startsWith(stubUrl) && !u.href.startsWith(shop.url), offlineCdn);
await context.addInitScript(() => {
  // Every batch the SDK hands to fetch, and links that are not followed (downloads, outbound,
  // other pages): the rule exempts links without looking where they lead.
  window.__bodies = [];
  const f = window.fetch;
  window.fetch = (u, init) => (window.__bodies.push(String(init?.body)), f(u, init));
  addEventListener('click', (e) => e.target.closest?.('a[href]:not([data-route])') && e.preventDefault(), true);
});
const page = await context.newPage();

/** Click events the SDK sent since the page loaded (after its verdicts settled). */
const clicks = async () => {
  await page.waitForTimeout(1300);
  await page.evaluate(() => window.heatlens?.flush());
  await page.waitForTimeout(100);
  return page.evaluate(() => window.__bodies.flatMap((b) => JSON.parse(b).events.filter((e) => e.type == 'click')));
};

/** Elements of the page to click: keys (selectors) with the hand classification. */
const targets = (scope, truthOf) =>
  page.evaluate(
    ([scope, dead]) => {
      const sel = (el) =>
        el.id
          ? `${el.localName}#${el.id}`
          : el.closest('form[id]')
            ? `form#${el.closest('form[id]').id} > ${el.localName}`
            : null;
      const out = [];
      const root = document.querySelector(scope) ?? document.body;
      const live = root.querySelectorAll('a[href],button,input,select,textarea,video,audio,summary,[data-truth]');
      for (const el of live) {
        if (!el.getClientRects().length) continue;
        const key =
          sel(el) ??
          `${el.localName}:nth-of-type(` +
            `${[...el.parentElement.children].filter((c) => c.localName == el.localName).indexOf(el) + 1})`;
        out.push({ key, path: cssPath(el), truth: el.dataset.truth ?? (dead.includes(key) ? 'dead' : 'effect') });
      }
      if (!root.querySelector('[data-truth]'))
        for (const s of ['h1', 'h2', 'p', 'img']) {
          const el = root.querySelector(s);
          if (el && !el.closest('a,button') && !out.some((o) => o.path == cssPath(el)))
            out.push({ key: `${s} (text)`, path: cssPath(el), truth: 'dead' });
        }
      return out;
      function cssPath(el) {
        const parts = [];
        for (; el && el != document.documentElement; el = el.parentElement)
          parts.unshift(`${el.localName}:nth-child(${[...el.parentElement.children].indexOf(el) + 1})`);
        return parts.join(' > ');
      }
    },
    [scope, [...truthOf]],
  );

const rows = [];
async function measure(site, url, scope, dead = SHOP_DEAD) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForFunction(() => !!window.heatlens);
  for (const t of await targets(scope, dead)) {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.waitForFunction(() => !!window.heatlens);
    await page.mouse.wheel(0, 1); // the theme's scroll-driven class churn starts
    try {
      await page.click(t.path, { timeout: 2000 });
    } catch {
      continue; // covered or gone: not a click a visitor makes
    }
    const c = (await clicks()).at(-1);
    rows.push({ site, page: new URL(url).pathname, el: t.key, truth: t.truth, dead: !!c?.dead, missing: !c });
  }
}

for (const width of [1280, 390]) {
  await page.setViewportSize({ width, height: 800 });
  for (const p of SHOP_PAGES) await measure(`shop ${width}`, shop.url + p, p == '/' ? 'body' : 'main');
  await measure(`theme ${width}`, stubUrl + '/theme', 'body');
  await measure(`sb-admin-2 ${width}`, stubUrl + '/sb-admin-2/index.html', 'body', THEME_DEAD);
  for (const p of ['index', 'post', 'contact'])
    await measure(`clean-blog ${width}`, `${stubUrl}/clean-blog/${p}.html`, 'body', new Set());
}
await page.setViewportSize({ width: 1280, height: 800 });

// Rage: bursts of three quick clicks (200 ms apart) and text-selecting triple clicks.
const rage = [];
async function burst(site, url, sel, truth, how) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.waitForFunction(() => !!window.heatlens);
  if (how == 'triple') await page.click(sel, { clickCount: 3, delay: 40 });
  else for (let i = 0; i < 3; i++) await page.click(sel, { delay: 20 }).then(() => page.waitForTimeout(180));
  const c = await clicks();
  rage.push({ site, el: sel, how, truth, rage: c.some((x) => x.rage) });
}
const product = shop.url + SHOP_PAGES.find((p) => p.startsWith('/product/'));
await burst('shop', shop.url + '/app', '#spa-reorder', 'rage', 'x3');
await burst('shop', product, '.product-photo', 'rage', 'x3');
await burst('shop', shop.url + '/guide', 'article p', 'not', 'triple');
await burst('shop', product, '#add-to-cart', 'not', 'x3');
await burst('theme', stubUrl + '/theme', '#buy', 'rage', 'x3');
await burst('theme', stubUrl + '/theme', '#hero', 'rage', 'x3');
await burst('theme', stubUrl + '/theme', '#lead', 'not', 'triple');
await burst('theme', stubUrl + '/theme', '#plus', 'not', 'x3');

await browser.close();
await shop.close();
stub.close();

const pad = (s, n) => String(s).padEnd(n);
console.log(pad('site', 16) + pad('page', 26) + pad('element', 34) + pad('by hand', 9) + 'flagged');
for (const r of rows)
  if (r.dead != (r.truth == 'dead') || r.missing)
    console.log(
      pad(r.site, 16) +
        pad(r.page, 26) +
        pad(r.el, 34) +
        pad(r.truth, 9) +
        (r.missing ? '(no click sent)' : r.dead ? 'dead' : '-'),
    );
console.log('(only disagreements listed)\n');
console.log(
  pad('dead clicks', 16) +
    pad('clicks', 8) +
    pad('dead by hand', 14) +
    pad('flagged', 9) +
    pad('false pos.', 11) +
    'misses',
);
for (const site of new Set(rows.map((r) => r.site))) {
  const s = rows.filter((r) => r.site == site && !r.missing);
  const dead = s.filter((r) => r.truth == 'dead');
  const fp = s.filter((r) => r.dead && r.truth != 'dead');
  const miss = dead.filter((r) => !r.dead);
  console.log(
    pad(site, 16) +
      pad(s.length, 8) +
      pad(dead.length, 14) +
      pad(s.filter((r) => r.dead).length, 9) +
      pad(`${fp.length} (${((100 * fp.length) / Math.max(1, s.length - dead.length)).toFixed(0)} %)`, 11) +
      `${miss.length} (${((100 * miss.length) / Math.max(1, dead.length)).toFixed(0)} %)`,
  );
}
console.log('\n' + pad('rage', 7) + pad('element', 18) + pad('clicks', 8) + pad('by hand', 9) + 'flagged');
for (const r of rage)
  console.log(pad(r.site, 7) + pad(r.el, 18) + pad(r.how, 8) + pad(r.truth, 9) + (r.rage ? 'rage' : '-'));
const rfp = rage.filter((r) => r.rage && r.truth != 'rage').length;
const rmiss = rage.filter((r) => !r.rage && r.truth == 'rage').length;
console.log(`rage: ${rage.length} bursts, false positives ${rfp}, misses ${rmiss}`);
