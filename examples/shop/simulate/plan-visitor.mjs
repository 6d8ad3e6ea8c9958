import { PRODUCTS } from '../products.mjs';
import { LAYOUT, layoutOf } from './shop-layout.mjs';
import { VIEWPORTS } from './viewports.mjs';

/**
 * @typedef {import('./shop-layout.mjs').Spot & {event?: object | null}} Spot
 * @typedef {{at: number} & Record<string, unknown>} TimedEvent  an event without `ts`, `at` ms into the visit
 * @typedef {{path: string, dwellMs: number, events: TimedEvent[]}} PageVisit
 * @typedef {{
 *   sid: string, vw: number, vh: number, sw: number, sh: number, lang: string, tz: string, visits: PageVisit[],
 * }} Visitor
 *   a page view's `ref` is where the visitor came from, or for later pages the previous path
 */

/** Where visitors come from (weights): search, social, news, an Android app, or nowhere. */
const REFERRERS = {
  '': 30,
  'https://www.google.com/': 30,
  'https://duckduckgo.com/': 8,
  'https://news.ycombinator.com/item': 8,
  'https://t.co/x1': 6,
  'https://www.reddit.com/r/shop/': 6,
  'https://www.bing.com/search': 5,
  'android-app://com.google.android.gm/': 3,
};

/** Visitors' browser language and time zone, together as real people have them (weights). */
const PEOPLE = [
  ['en-US', 'America/New_York', 22],
  ['en-GB', 'Europe/London', 12],
  ['de-DE', 'Europe/Berlin', 12],
  ['fr-FR', 'Europe/Paris', 8],
  ['pt-BR', 'America/Sao_Paulo', 8],
  ['pt-PT', 'Europe/Lisbon', 5],
  ['ja-JP', 'Asia/Tokyo', 8],
  ['es-MX', 'America/Mexico_City', 6],
  ['en-AU', 'Australia/Sydney', 5],
  ['en-NG', 'Africa/Lagos', 3],
  ['en-US', 'UTC', 3],
];

const product = (rnd) => `/product/${rnd.int(1, PRODUCTS.length)}`;

/** Where a visitor goes next from a page, or null to leave the site. */
function nextPath(rnd, path, did) {
  const page = layoutOf(path);
  if ('navigate' in did) return did.navigate;
  const moves = {
    home: { product: 55, guide: 12, signup: 8, media: 8, app: 5, exit: 12 },
    product: { product: 28, home: 20, signup: 8, exit: 44 },
    guide: { home: 25, signup: 15, exit: 60 },
    media: { home: 30, product: 20, exit: 50 },
    signup: { home: 20, exit: 80 },
    thanks: { home: 40, exit: 60 },
    app: { exit: 60, home: 40 },
  }[page] ?? { exit: 1 };
  const to = rnd.weighted(moves);
  return to === 'exit' ? null : to === 'product' ? product(rnd) : to === 'home' ? '/' : `/${to}`;
}

/** Cursor moves drifting between a few points of interest, in page px. */
function moves(rnd, spots, w, h, dwellMs) {
  const out = [];
  const n = rnd.int(8, 30);
  let x = rnd.next() * w;
  let y = rnd.next() * Math.min(h, 900);
  const targets = Object.values(spots);
  for (let i = 0; i < n; i++) {
    const t = targets.length && rnd.chance(0.6) ? rnd.pick(targets) : { fx: rnd.next(), fy: rnd.next() * 0.5 };
    x += (t.fx * w - x) * 0.4 + (rnd.next() - 0.5) * 60;
    y += (t.fy * h - y) * 0.4 + (rnd.next() - 0.5) * 60;
    x = Math.max(0, Math.min(w - 1, x));
    y = Math.max(0, Math.min(h - 1, y));
    out.push({ at: Math.round(((i + 1) / (n + 1)) * dwellMs), type: 'move', x: Math.round(x), y: Math.round(y), w, h });
  }
  return out;
}

/**
 * A click on a spot: the event the SDK sent for it in Chromium when the spot is recorded
 * (shop-clicks.mjs), else one computed from the spot's fractions (the layout as written).
 */
function click(spot, w, h, at, extra = {}) {
  if (spot.event) return { at, ...spot.event, ...extra };
  if (spot.event === null) throw new Error(`Chromium sends no click for ${spot.sel}: plan none there`);
  return {
    at,
    type: 'click',
    x: Math.round(spot.fx * w),
    y: Math.round(spot.fy * h),
    w,
    h,
    sel: spot.sel,
    ex: 0.5,
    ey: 0.5,
    ...extra,
  };
}

/** One page visit: what the visitor does there (page-specific) and where they go next. */
function visitPage(rnd, path, vp, person, referrer, layoutFor) {
  const { vw, vh } = vp;
  const page = layoutOf(path);
  const { h: hAt, spots } = layoutFor(path, vw);
  const w = vw;
  // A recorded layout gives the height at this width; the written one is at 1280 px.
  const recorded = Object.values(spots).some((s) => s.event);
  const h = recorded ? hAt : Math.round(hAt * Math.pow(1280 / vw, 0.6));
  const dwellMs = rnd.int(3_000, page === 'guide' ? 40_000 : 15_000);
  const ev = [
    { at: 0, type: 'pageview', vh, ref: referrer || undefined, lang: person.lang, tz: person.tz, sw: vp.sw, sh: vp.sh },
    ...moves(rnd, spots, w, h, dwellMs),
  ];
  const did = {};
  const late = (f) => Math.round(dwellMs * f);
  // Scroll: the deepest point reached; long pages lose readers on the way down.
  const first = Math.min(100, (vh / h) * 100);
  const deep = page === 'guide' ? 100 * Math.pow(rnd.next(), 0.7) : 40 + rnd.next() * 60;
  const max = Math.max(first, Math.min(100, deep));
  for (let i = 1, n = rnd.int(1, 4); i <= n; i++)
    ev.push({ at: late(i / (n + 1)), type: 'scroll', depth: Math.round(first + ((max - first) * i) / n) });
  const maxDepth = max;

  if (page === 'home') {
    if (rnd.chance(0.05))
      ev.push(click(spots.download, w, h, late(0.5)), { at: late(0.5), type: 'download', url: '/files/catalogue.pdf' });
    if (rnd.chance(0.04)) {
      ev.push(click(spots.outbound, w, h, late(0.9)), {
        at: late(0.9),
        type: 'outbound',
        url: 'https://example.com/materials',
      });
      did.navigate = null;
    }
    // The promo badge looks clickable but is not: dead clicks, and now and then a rage burst.
    if (rnd.chance(0.12)) ev.push(click(spots.promo, w, h, late(0.6), { dead: true }));
    if (rnd.chance(0.04))
      for (let i = 0; i < 4; i++)
        ev.push(click(spots.promo, w, h, late(0.62) + i * 150, i >= 2 ? { rage: true, dead: true } : { dead: true }));
    if (rnd.chance(0.5)) ev.push(click(spots.card, w, h, late(0.95)));
  } else if (page === 'product') {
    if (rnd.chance(0.3)) ev.push(click(spots.size, w, h, late(0.4)));
    if (rnd.chance(0.35))
      ev.push(click(spots.cart, w, h, late(0.6)), { at: late(0.6), type: 'custom', name: 'add_to_cart' });
    if (rnd.chance(0.05))
      for (let i = 0; i < 3; i++) ev.push(click(spots.cart, w, h, late(0.7) + i * 120, i === 2 ? { rage: true } : {}));
    if (rnd.chance(0.15)) ev.push(click(spots.photo, w, h, late(0.3), { dead: true }));
  } else if (page === 'guide') {
    for (let n = 1; n <= 4; n++)
      if (maxDepth >= n * 22 && rnd.chance(0.8))
        ev.push({ at: late(n / 5), type: 'image_view', src: `/img/gallery-${n}.svg` });
    if (maxDepth > 95 && rnd.chance(0.3)) {
      ev.push(click(spots.signup, w, h, late(0.97)));
      did.navigate = '/signup';
    }
  } else if (page === 'media') {
    if (rnd.chance(0.7)) {
      ev.push(click(spots.video, w, h, late(0.1)), {
        at: late(0.1),
        type: 'media',
        kind: 'video',
        action: 'play',
        src: '/media/demo.webm',
      });
      for (const [i, a] of ['p25', 'p50', 'p75', 'complete'].entries()) {
        if (!rnd.chance(0.85)) break;
        ev.push({ at: late(0.2 + i * 0.15), type: 'media', kind: 'video', action: a, src: '/media/demo.webm' });
      }
    }
    if (rnd.chance(0.35)) {
      ev.push({ at: late(0.8), type: 'media', kind: 'audio', action: 'play', src: '/media/chime.ogg' });
      if (rnd.chance(0.6))
        for (const a of ['p25', 'p50', 'p75', 'complete'])
          ev.push({ at: late(0.9), type: 'media', kind: 'audio', action: a, src: '/media/chime.ogg' });
    }
    if (rnd.chance(0.08))
      ev.push(click(spots.download, w, h, late(0.95)), {
        at: late(0.95),
        type: 'download',
        url: '/files/catalogue.pdf',
      });
  } else if (page === 'signup') {
    if (rnd.chance(0.7)) {
      ev.push(
        click(spots.name, w, h, late(0.2)),
        { at: late(0.2), type: 'form', action: 'start', form: 'signup' },
        click(spots.email, w, h, late(0.4)),
      );
      if (rnd.chance(0.6)) {
        ev.push(click(spots.consent, w, h, late(0.6)), click(spots.submit, w, h, late(0.9)), {
          at: late(0.9),
          type: 'form',
          action: 'submit',
          form: 'signup',
        });
        did.navigate = '/signup/thanks';
      }
    }
  } else if (page === 'app') {
    if (path === '/app' && rnd.chance(0.5)) {
      ev.push(click(spots.orders, w, h, late(0.9)));
      did.navigate = rnd.chance(0.7) ? '/app/orders' : '/app/settings';
    }
    // The reorder button is on the overview only.
    if (path === '/app' && rnd.chance(0.2))
      ev.push(click(spots.reorder, w, h, late(0.5)), { at: late(0.5), type: 'custom', name: 'reorder' });
  }
  ev.push({ at: dwellMs, type: 'engagement', ms: Math.round(dwellMs * (0.6 + rnd.next() * 0.4)) });
  ev.sort((a, b) => a.at - b.at);
  return { visit: { path, dwellMs, events: ev }, next: nextPath(rnd, path, did) };
}

/**
 * Plan one synthetic visitor: a viewport, an entry page, and a path through the shop that
 * follows typical e-commerce behaviour (most leave after a page or two; products lead to
 * products; the sign-up form is often abandoned). At most 8 pages.
 * @param {ReturnType<import('./random.mjs').createRandom>} rnd
 * @param {{layoutFor?: (path: string, vw: number) => {h: number, spots: Record<string, Spot>}}} [opts]
 *   `layoutFor` default: shop-layout.mjs as written, whose `sel` are queries; pass shop-clicks.mjs's
 *   so clicks are the events the SDK sends in Chromium
 * @returns {Visitor}
 */
export function planVisitor(rnd, { layoutFor = (path) => LAYOUT[layoutOf(path)] ?? { h: 900, spots: {} } } = {}) {
  const vp =
    VIEWPORTS[Number(rnd.weighted(Object.fromEntries(VIEWPORTS.map((v, i) => [i, v.weight]))))] ?? VIEWPORTS[0];
  const visits = [];
  let path = rnd.weighted({ '/': 60, product: 25, '/guide': 10, '/media': 5 });
  if (path === 'product') path = product(rnd);
  const [lang, tz] = PEOPLE[Number(rnd.weighted(Object.fromEntries(PEOPLE.map((p, i) => [i, p[2]]))))] ?? PEOPLE[0];
  const person = { lang, tz };
  let ref = rnd.weighted(REFERRERS);
  while (path && visits.length < 8) {
    const { visit, next } = visitPage(rnd, path, vp, person, ref, layoutFor);
    visits.push(visit);
    ref = path; // the next page is reached from this one: a path, resolved against the shop's origin when sent
    path = next;
  }
  return { sid: rnd.id(24), vw: vp.vw, vh: vp.vh, sw: vp.sw, sh: vp.sh, lang, tz, visits };
}
