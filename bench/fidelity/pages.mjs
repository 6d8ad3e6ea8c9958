// The fidelity benchmark's pages: each is one member of a kind of layout that misplaced heat on
// real sites (a sticky header, a fixed corner button, an app shell that scrolls an inner element,
// a page that grows after load, generated class names and icon buttons, a centred max-width
// layout, a fluid full-width one). Targets are named by CSS the benchmark knows, never by an
// attribute added for it, so the SDK's selectors see the page as a real one.

const para = (n, words = 60) =>
  Array.from(
    { length: n },
    (_, i) =>
      '<p>' +
      `Paragraph ${i + 1} of the article, long enough to wrap over a few lines. `.repeat(Math.ceil(words / 12)) +
      '</p>',
  ).join('\n');

const shell = (title, sdk, css, body) =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2433;background:#fafaf7}
button,.btn{font:inherit;padding:.6rem 1.1rem;border-radius:6px;border:0;background:#1f5fbf;color:#fff;` +
  `cursor:pointer;display:inline-block;text-decoration:none}
${css}</style>
${sdk}
</head><body>
${body}
</body></html>`;

/**
 * @typedef {{name: string, css: string, fixed?: boolean, atScroll?: number[], early?: boolean}} Target
 *   `fixed`: in a fixed or sticky box (clicked at each of `atScroll`); `early`: clicked before the
 *   page grows and again after.
 * @typedef {{name: string, html?: (sdk: string) => string, shopPath?: string, root?: string,
 *   growAfterMs?: number, targets: Target[]}} BenchPage
 */

/** @type {BenchPage[]} */
export const PAGES = [
  {
    name: 'sticky-header',
    html: (sdk) =>
      shell(
        'Sticky header',
        sdk,
        `header{position:sticky;top:0;height:64px;background:#223;color:#fff;display:flex;align-items:center;` +
          `justify-content:space-between;padding:0 24px;z-index:10}
main{max-width:760px;margin:0 auto;padding:24px}`,
        `<header><a class="logo" href="#" style="color:#fff">Journal</a><button class="cart">Cart (0)</button></header>
<main>${para(12)}<p><button class="read-more">Read the whole story</button></p>` +
          `${para(30)}<p><button class="subscribe">Subscribe</button></p>${para(4)}</main>`,
      ),
    targets: [
      { name: 'cart (sticky)', css: 'header .cart', fixed: true, atScroll: [0, 1000, 2000] },
      { name: 'read-more', css: '.read-more' },
      { name: 'subscribe', css: '.subscribe' },
    ],
  },
  {
    name: 'fixed-corner',
    html: (sdk) =>
      shell(
        'Fixed corner',
        sdk,
        `.chat{position:fixed;right:24px;bottom:24px;width:64px;height:64px;border-radius:32px;padding:0}
main{max-width:900px;margin:0 auto;padding:24px}`,
        `<main><h1>Help centre</h1>${para(6)}<p><button class="cta">Start free trial</button></p>${para(40)}` +
          `</main><button class="chat" aria-label="Chat with us">?</button>`,
      ),
    targets: [
      { name: 'chat (fixed)', css: '.chat', fixed: true, atScroll: [0, 1200, 2400] },
      { name: 'cta', css: '.cta' },
    ],
  },
  {
    name: 'app-shell',
    root: '#app',
    html: (sdk) =>
      shell(
        'App shell',
        sdk,
        `html,body{height:100%;overflow:hidden}#app{height:100%;overflow:auto}
.content{height:4000px;position:relative;max-width:1000px;margin:0 auto}.content button{position:absolute;left:10%}`,
        `<div id="app"><div class="content"><h1 style="margin:0;padding:24px">Orders</h1>
<button class="new-order" style="top:300px">New order</button>` +
          `<button class="export" style="top:2000px">Export</button>` +
          `<button class="archive" style="top:3320px">Archive</button></div></div>`,
      ),
    targets: [
      { name: 'new-order (y 300)', css: '.new-order' },
      { name: 'export (y 2000)', css: '.export' },
      { name: 'archive (y 3320)', css: '.archive' },
    ],
  },
  {
    name: 'grows-after-load',
    growAfterMs: 2500,
    html: (sdk) =>
      shell(
        'Grows after load',
        sdk,
        `main{max-width:900px;margin:0 auto;padding:0 24px}.top{height:400px}`,
        `<main><div class="top"><h1 style="margin:0;padding-top:24px">Feed</h1></div>` +
          `<button class="follow" style="height:60px">Follow</button>
<div style="height:480px"></div><div id="more"></div></main>
<script>setTimeout(()=>{document.getElementById('more').innerHTML=` +
          JSON.stringify(`${para(20)}<p><button class="load-more">Load more</button></p>${para(8)}`) +
          `},2500)</script>`,
      ),
    targets: [
      { name: 'follow (y 400-460)', css: '.follow', early: true },
      { name: 'load-more (after growth)', css: '.load-more' },
    ],
  },
  {
    name: 'hashed-classes',
    html: (sdk) =>
      shell(
        'Hashed classes',
        sdk,
        `main{max-width:1000px;margin:0 auto;padding:24px}.css-1q2w3e{margin:8px}` +
          `.row{display:flex;gap:12px;flex-wrap:wrap;margin:40px 0}
.Social_icon__aB12x{width:48px;height:48px;display:inline-flex;align-items:center;` +
          `justify-content:center;background:#334;border-radius:6px}`,
        `<main><h1>Pricing</h1>${para(3)}<div class="row">` +
          `<button class="css-1q2w3e Button_primary__aB12x" data-v-7ba5bd90>Buy basic</button>` +
          `<button class="css-9z8y7x Button_primary__aB12x" data-v-7ba5bd90>Buy pro</button></div>${para(6)}
<div class="row"><a class="btn Social_icon__aB12x" href="https://twitter.example/share"><svg viewBox="0 0 24 24" width="24" height="24" class="svg-inline--fa fa-twitter" data-prefix="fab"><path fill="#fff" d="M2 2h20v20H2z"/></svg></a>
<a class="btn Social_icon__aB12x" href="https://github.example/repo"><svg viewBox="0 0 24 24" width="24" height="24" class="svg-inline--fa fa-github" data-prefix="fab"><path fill="#fff" d="M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20z"/></svg></a></div>${para(10)}</main>`,
      ),
    targets: [
      { name: 'buy basic', css: '.css-1q2w3e' },
      { name: 'buy pro', css: '.css-9z8y7x' },
      { name: 'twitter icon', css: 'a[href*=twitter]' },
      { name: 'github icon', css: 'a[href*=github]' },
    ],
  },
  {
    name: 'centred-max-width',
    html: (sdk) =>
      shell(
        'Centred',
        sdk,
        `main{max-width:1100px;margin:0 auto;padding:24px}` +
          `.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:16px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:16px;height:260px}` +
          `@media(max-width:767px){.cards{grid-template-columns:1fr}}`,
        `<main><h1>Plans</h1>${para(2)}<div class="cards">` +
          `<div class="card"><h3>Basic</h3><button class="pick-basic">Choose</button></div>` +
          `<div class="card"><h3>Team</h3><button class="pick-team">Choose</button></div>` +
          `<div class="card"><h3>Enterprise</h3><button class="pick-ent">Contact</button></div></div>` +
          `${para(14)}<p><button class="faq">Read the FAQ</button></p>${para(4)}</main>`,
      ),
    targets: [
      { name: 'basic', css: '.pick-basic' },
      { name: 'team', css: '.pick-team' },
      { name: 'enterprise', css: '.pick-ent' },
      { name: 'faq', css: '.faq' },
    ],
  },
  {
    name: 'fluid-full-width',
    html: (sdk) =>
      shell(
        'Fluid',
        sdk,
        `.bar{display:flex}.bar button{flex:1;margin:8px;height:56px}` +
          `.hero{height:360px;background:#e8eefb;display:flex;align-items:center;justify-content:center}
.wide{display:block;width:calc(100% - 32px);margin:16px;height:64px}`,
        `<div class="hero"><h1>Dashboard</h1></div>` +
          `<div class="bar"><button class="t1">Day</button><button class="t2">Week</button>` +
          `<button class="t3">Month</button><button class="t4">Year</button></div>
<div style="padding:16px">${para(10)}</div>` +
          `<button class="wide">Download report</button><div style="padding:16px">${para(6)}</div>`,
      ),
    targets: [
      { name: 'day', css: '.t1' },
      { name: 'month', css: '.t3' },
      { name: 'wide banner', css: '.wide' },
    ],
  },
  {
    name: 'demo-shop',
    shopPath: '/product/1',
    targets: [
      { name: 'add to cart', css: '#add-to-cart' },
      { name: 'next product', css: '#next-product' },
      { name: 'sign up (sticky nav)', css: '#main-nav .cta', fixed: true, atScroll: [0, 200] },
    ],
  },
];
