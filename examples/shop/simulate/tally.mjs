import { GRID } from '../../../packages/schema/dist/constants.js';
import { depthBand } from '../../../packages/schema/dist/tiles.js';
import { createSourceTally } from './tally-sources.mjs';

/**
 * Scroll reach and median as the collector computes them (build-stats.ts), from each session's
 * deepest scroll: sessions are counted per depth band (the schema's `depthBand`, GRID bands), a
 * share "reached p %" is of sessions whose band is at least p's band, and the median is the
 * upper edge of the deepest band that half the sessions reached.
 * @param {number[]} depths each session's deepest scroll, 0..100
 * @returns {{reach: number[], median: number}} reach at 25, 50, 75 and 100 %, as 0..1
 */
export function scrollReach(depths) {
  const bands = depths.map((d) => depthBand(d, GRID));
  const atLeast = (k) => bands.filter((b) => b >= k).length;
  if (!bands.length) return { reach: [0, 0, 0, 0], median: 0 };
  let medianBand = 0;
  for (let k = 0; k < GRID; k++) if (atLeast(k) * 2 >= bands.length) medianBand = k;
  return {
    reach: [25, 50, 75, 100].map((p) => atLeast(depthBand(p, GRID)) / bands.length),
    median: Math.round(((medianBand + 1) * 100) / GRID),
  };
}

/**
 * Counts what was sent, per page as the dashboard keys it (route templates first), so the
 * simulator's printout can be checked against the dashboard's table, and the site's page views
 * by source (tally-sources.mjs) against its Sources panel.
 * @param {{routes?: string[], origin?: string}} [options] `routes` default ['/product/:id'] (the
 *   demo site's); `origin` the shop's, default 'http://127.0.0.1:8081'
 */
export function createTally({ routes = ['/product/:id'], origin = 'http://127.0.0.1:8081' } = {}) {
  const sources = createSourceTally(origin);
  const matchers = routes.map((r) => ({
    r,
    re: new RegExp(`^${r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`),
  }));
  const keyOf = (path) => matchers.find((m) => m.re.test(path))?.r ?? path;
  /** @type {Map<string, ReturnType<typeof empty>>} */
  const pages = new Map();
  const empty = () => ({
    sids: new Set(),
    depth: new Map(),
    sel: new Map(),
    views: 0,
    clicks: 0,
    rage: 0,
    dead: 0,
    moves: 0,
    formStarts: 0,
    formSubmits: 0,
    plays: 0,
    quartiles: [0, 0, 0, 0],
    downloads: 0,
    images: 0,
    outbound: 0,
    engagedMs: 0,
    custom: 0,
    events: 0,
  });
  let batches = 0;

  return {
    /** Count one batch that the collector accepted. */
    add(batch) {
      batches++;
      const key = keyOf(batch.path);
      let p = pages.get(key);
      if (!p) pages.set(key, (p = empty()));
      p.sids.add(batch.sid);
      for (const e of batch.events) {
        p.events++;
        if (e.type === 'pageview') {
          p.views++;
          sources.add(e);
        } else if (e.type === 'move') p.moves++;
        else if (e.type === 'click') {
          p.clicks++;
          if (e.sel) p.sel.set(e.sel, (p.sel.get(e.sel) ?? 0) + 1);
          if (e.rage) p.rage++;
          if (e.dead) p.dead++;
        } else if (e.type === 'scroll') p.depth.set(batch.sid, Math.max(p.depth.get(batch.sid) ?? 0, e.depth));
        else if (e.type === 'form') e.action === 'start' ? p.formStarts++ : p.formSubmits++;
        else if (e.type === 'media') {
          if (e.action === 'play') p.plays++;
          else p.quartiles[['p25', 'p50', 'p75', 'complete'].indexOf(e.action)]++;
        } else if (e.type === 'download') p.downloads++;
        else if (e.type === 'image_view') p.images++;
        else if (e.type === 'outbound') p.outbound++;
        else if (e.type === 'engagement') p.engagedMs += e.ms;
        else if (e.type === 'custom') p.custom++;
      }
    },
    /** Rows per page, busiest first, with the numbers the dashboard shows. */
    rows() {
      return [...pages.entries()]
        .map(([path, p]) => {
          const { reach, median } = scrollReach([...p.depth.values()]);
          // Most clicked first, ties by name: the collector's order (build-stats.ts).
          const selectors = [...p.sel]
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .map(([sel, count]) => ({ sel, count }));
          return {
            path,
            visitors: p.sids.size,
            views: p.views,
            events: p.events,
            moves: p.moves,
            clicks: p.clicks,
            rage: p.rage,
            dead: p.dead,
            scrollSessions: p.depth.size,
            scrollMedian: median,
            reach,
            selectors,
            formStarts: p.formStarts,
            formSubmits: p.formSubmits,
            plays: p.plays,
            quartiles: p.quartiles,
            downloads: p.downloads,
            images: p.images,
            outbound: p.outbound,
            engagedMs: p.engagedMs,
            custom: p.custom,
          };
        })
        .sort((a, b) => b.events - a.events);
    },
    /** The site's page views by source, ranked as the collector's `sources`. */
    sources: () => sources.ranked(),
    get batches() {
      return batches;
    },
  };
}

/** Print the tally as a plain table, one line per page. */
export function printTally(tally, log = console.log) {
  const pct = (x) => `${Math.round(x * 100)}%`;
  const cols = [
    ['page', (r) => r.path],
    ['visitors', (r) => r.visitors],
    ['views', (r) => r.views],
    ['events', (r) => r.events],
    ['clicks', (r) => r.clicks],
    ['rage', (r) => r.rage],
    ['dead', (r) => r.dead],
    ['scroll med', (r) => `${Math.round(r.scrollMedian)}%`],
    ['reach 25/50/75/100', (r) => r.reach.map(pct).join(' ')],
    ['forms start/submit', (r) => `${r.formStarts}/${r.formSubmits}`],
    ['plays', (r) => r.plays],
    ['25/50/75/100', (r) => r.quartiles.join('/')],
    ['downloads', (r) => r.downloads],
    ['images', (r) => r.images],
    ['outbound', (r) => r.outbound],
    ['engaged s', (r) => Math.round(r.engagedMs / 1000)],
    ['custom', (r) => r.custom],
  ];
  const rows = tally.rows();
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => String(f(r))))];
  const widths = cols.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  for (const c of cells) log(c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '));
  const clicked = rows.filter((r) => r.selectors.length);
  if (clicked.length) log('\nMost clicked, as the SDK names them (the dashboard\'s "Most clicked"):');
  for (const r of clicked)
    log(
      `  ${r.path}  ${r.selectors
        .slice(0, 5)
        .map((s) => `${s.sel} ${s.count}`)
        .join(' · ')}`,
    );
}
