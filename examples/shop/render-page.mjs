import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PRODUCTS } from './products.mjs';

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));
// Templates are read once: the shop is a fixed demo, and tests start it many times.
const templates = new Map();
function template(name) {
  let t = templates.get(name);
  if (t === undefined) {
    t = readFileSync(`${pagesDir}${name}.html`, 'utf8');
    templates.set(name, t);
  }
  return t;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escape a value for text or a quoted attribute. */
export const escapeHtml = (v) => String(v).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Fill `{{key}}` slots; values are escaped unless the key is listed in `raw`. */
function fill(text, vars, raw = []) {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k) =>
    k in vars ? (raw.includes(k) ? String(vars[k]) : escapeHtml(vars[k])) : '',
  );
}

const GUIDE = [
  [
    'Start with the use',
    'Think about the trips you take every week, not the expedition you might take one day. A bag that fits the ' +
      'daily commute gets used; the one bought for a summit waits in a cupboard.',
  ],
  [
    'Materials that age well',
    'Waxed canvas, full-grain leather and merino all look better after a year of use. Coated synthetics are ' +
      'lighter, but their coatings peel, and they rarely repair well.',
  ],
  [
    'Fit before features',
    'A shoe with the right last beats one with the right technology. Try shoes late in the day, with the socks ' +
      'you will wear, and walk downhill if the shop lets you.',
  ],
  [
    'Light for the desk',
    'Warm light (around 2700 K) in the evening, neutral light during the day. A dimmer matters more than the ' +
      'wattage. Put the lamp on the side opposite your writing hand.',
  ],
  [
    'Care and repair',
    'Re-wax canvas once a year, wash wool cold and dry it flat, and keep the receipt: we repair what we sell, ' +
      'for as long as we sell it.',
  ],
  [
    'Buying less',
    'The most sustainable product is the one you already own. Buy what you will use for ten years, and sell or ' +
      'give away what you no longer use.',
  ],
];

/** The buying guide's body: long enough to scroll several screens, with images below the fold. */
function guideSections() {
  const out = [];
  for (let i = 0; i < 12; i++) {
    const [title, text] = GUIDE[i % GUIDE.length];
    out.push(
      `  <section id="guide-${i + 1}"><h2>${escapeHtml(title)}</h2><p>${escapeHtml(text)}</p><p>` +
        `${escapeHtml(text)}</p></section>`,
    );
    if (i % 3 === 2) {
      const n = (i - 2) / 3 + 1;
      out.push(
        `  <figure><img id="gallery-${n}" src="/img/gallery-${n}.svg" alt="Gallery picture ${n}" width="800" ` +
          `height="450" loading="lazy"><figcaption>From the workshop, picture ${n}</figcaption></figure>`,
      );
    }
  }
  return out.join('\n');
}

function productGrid() {
  return PRODUCTS.map(
    (p) =>
      `    <li class="card" id="card-${p.id}"><a href="/product/${p.id}"><img src="/img/product-${p.id}.svg" ` +
      `alt="${escapeHtml(p.name)}" width="400" height="300">` +
      `<h3>${escapeHtml(p.name)}</h3><p>€${p.price}</p></a></li>`,
  ).join('\n');
}

/**
 * Render one shop page by name (`home`, `product`, `guide`, `media`, `signup`, `thanks`, `app`,
 * `not-found`) inside the layout, with the SDK's script tag pointing at `collectorUrl`.
 * @param {string} name
 * @param {{collectorUrl: string, site: string, product?: typeof PRODUCTS[number]}} ctx
 * @returns {string}
 */
export function renderPage(name, { collectorUrl, site, product }) {
  let body;
  let title;
  if (name === 'home') {
    title = 'Shop';
    body = fill(template('home'), { grid: productGrid() }, ['grid']);
  } else if (name === 'product' && product) {
    title = product.name;
    const next = (product.id % PRODUCTS.length) + 1;
    body = fill(template('product'), { ...product, next });
  } else if (name === 'guide') {
    title = 'Buying guide';
    body = fill(template('guide'), { sections: guideSections() }, ['sections']);
  } else {
    title = { media: 'Watch & listen', signup: 'Sign up', thanks: 'Thanks', app: 'My account' }[name] ?? 'Not found';
    body = template(name in { media: 1, signup: 1, thanks: 1, app: 1 } ? name : 'not-found');
  }
  const sdk =
    `<script src="${escapeHtml(collectorUrl.replace(/\/+$/, ''))}/sdk.js" ` +
    `data-site="${escapeHtml(site)}" defer></script>`;
  return fill(template('layout'), { title, body, sdk }, ['body', 'sdk']);
}
