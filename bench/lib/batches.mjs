// Realistic 50-event batches for the ingest benchmarks: one site, many pages (Zipf-ranked, as
// real traffic is), mostly cursor moves along a trail, some clicks, scroll steps and page views.
// Bodies are built once; only the batch id changes per request, so the load generator spends
// its time sending, not serialising.

import { createRandom } from '../../examples/shop/simulate/random.mjs';

/** Site every benchmark writes to (see `benchSites`). */
export const BENCH_SITE = 'bench';
/** Read token of the benchmark site. */
export const BENCH_TOKEN = 'bench-read-token-0123456789';
/** Origin the load generators send (the site accepts any). */
export const BENCH_ORIGIN = 'https://bench.example';

/** The HEATLENS_SITES content of every collector the benchmarks start. */
export function benchSites() {
  return [{ id: BENCH_SITE, origins: ['*'], readToken: BENCH_TOKEN }];
}

/** A small seeded PRNG (the simulator's mulberry32), so every run sends the same traffic. */
export const prng = (seed) => createRandom(seed).next;

/** Page index 0..pages-1, Zipf(s = 1): a few hot pages and a long tail. */
function zipfPicker(pages, rand) {
  const cdf = [];
  let sum = 0;
  for (let i = 1; i <= pages; i++) cdf.push((sum += 1 / i));
  return () => {
    const u = rand() * sum;
    let lo = 0;
    let hi = pages - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const WIDTHS = [390, 1024, 1440];
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/**
 * Build `count` batch bodies of `events` events over `pages` distinct paths. Each entry is the
 * body without its opening `{"v":1,"id":"..."`: prepend `batchPrefix(id)` to send it.
 * Options: count (default 400), pages (default 500), events (default 50), seed (default 1),
 * now (ms; default Date.now()), pathOf (page index -> path; default `/page/<i>`).
 */
export function makeBodies(options = {}) {
  const { count = 400, pages = 500, events = 50, seed = 1, now = Date.now(), pathOf = (i) => `/page/${i}` } = options;
  const rand = prng(seed);
  const pick = zipfPicker(pages, rand);
  const bodies = [];
  const mix = { move: 0, click: 0, scroll: 0, pageview: 0 };
  for (let n = 0; n < count; n++) {
    const vw = WIDTHS[Math.floor(rand() * WIDTHS.length)];
    const w = vw;
    const h = 2000 + Math.floor(rand() * 6000);
    const sent = now;
    let x = rand() * w;
    let y = rand() * h;
    let depth = Math.floor(rand() * 30);
    const list = [];
    // Events cover the last ~10 s before `sent`, as a 5 s flush of a busy visitor would.
    for (let i = 0; i < events; i++) {
      const ts = sent - Math.floor(((events - i) * 10_000) / events);
      const r = rand();
      if (i === 0 && rand() < 0.3) {
        list.push({ type: 'pageview', ts, vh: 800, ref: 'https://search.example/', lang: 'en' });
        mix.pageview++;
      } else if (r < 0.84) {
        x = clamp(x + (rand() - 0.5) * 120, 0, w - 1);
        y = clamp(y + (rand() - 0.5) * 120, 0, h - 1);
        list.push({ type: 'move', ts, x: Math.round(x), y: Math.round(y), w, h });
        mix.move++;
      } else if (r < 0.94) {
        const e = {
          type: 'click',
          ts,
          x: Math.round(x),
          y: Math.round(y),
          w,
          h,
          sel: `#main>a:nth-child(${1 + Math.floor(rand() * 8)})`,
          ex: 0.5,
          ey: 0.5,
        };
        if (rand() < 0.05) e.rage = true;
        list.push(e);
        mix.click++;
      } else {
        depth = clamp(depth + Math.floor(rand() * 15), 0, 100);
        list.push({ type: 'scroll', ts, depth });
        mix.scroll++;
      }
    }
    const body = { site: BENCH_SITE, sid: `s${n % 97}x${seed}`, path: pathOf(pick()), vw, sent, events: list };
    bodies.push(JSON.stringify(body).slice(1));
  }
  return { bodies, mix, distinctPages: new Set(bodies.map((b) => JSON.parse(`{${b}`).path)).size };
}

/** The opening of a batch body with its id; `batchPrefix(id) + body` is a whole batch. */
export const batchPrefix = (id) => `{"v":1,"id":"${id}",`;
