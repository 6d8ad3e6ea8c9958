/**
 * Counts what was sent, per page as the dashboard keys it (route templates first), so the
 * simulator's printout can be checked against the dashboard's table.
 * @param {{routes?: string[]}} [options] `routes` default ['/product/:id'] (the demo site's)
 */
export function createTally({ routes = ['/product/:id'] } = {}) {
  const matchers = routes.map((r) => ({ r, re: new RegExp(`^${r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+')}$`) }));
  const keyOf = (path) => matchers.find((m) => m.re.test(path))?.r ?? path;
  /** @type {Map<string, ReturnType<typeof empty>>} */
  const pages = new Map();
  const empty = () => ({
    sids: new Set(), depth: new Map(), views: 0, clicks: 0, rage: 0, dead: 0, moves: 0, formStarts: 0, formSubmits: 0,
    plays: 0, quartiles: [0, 0, 0, 0], downloads: 0, images: 0, outbound: 0, engagedMs: 0, custom: 0, events: 0,
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
        if (e.type === 'pageview') p.views++;
        else if (e.type === 'move') p.moves++;
        else if (e.type === 'click') {
          p.clicks++;
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
          const depths = [...p.depth.values()].sort((a, b) => a - b);
          const reach = [25, 50, 75, 100].map((d) => (depths.length ? depths.filter((x) => x >= d).length / depths.length : 0));
          return {
            path, visitors: p.sids.size, views: p.views, events: p.events, moves: p.moves, clicks: p.clicks, rage: p.rage, dead: p.dead,
            scrollMedian: depths.length ? depths[Math.floor((depths.length - 1) / 2)] : 0, reach,
            formStarts: p.formStarts, formSubmits: p.formSubmits, plays: p.plays, quartiles: p.quartiles,
            downloads: p.downloads, images: p.images, outbound: p.outbound, engagedMs: p.engagedMs, custom: p.custom,
          };
        })
        .sort((a, b) => b.events - a.events);
    },
    get batches() {
      return batches;
    },
  };
}

/** Print the tally as a plain table, one line per page. */
export function printTally(tally, log = console.log) {
  const pct = (x) => `${Math.round(x * 100)}%`;
  const cols = [
    ['page', (r) => r.path], ['visitors', (r) => r.visitors], ['views', (r) => r.views], ['events', (r) => r.events],
    ['clicks', (r) => r.clicks], ['rage', (r) => r.rage], ['dead', (r) => r.dead], ['scroll med', (r) => `${Math.round(r.scrollMedian)}%`],
    ['reach 25/50/75/100', (r) => r.reach.map(pct).join(' ')], ['forms start/submit', (r) => `${r.formStarts}/${r.formSubmits}`],
    ['plays', (r) => r.plays], ['25/50/75/100', (r) => r.quartiles.join('/')], ['downloads', (r) => r.downloads],
    ['images', (r) => r.images], ['outbound', (r) => r.outbound], ['engaged s', (r) => Math.round(r.engagedMs / 1000)], ['custom', (r) => r.custom],
  ];
  const rows = tally.rows();
  const cells = [cols.map(([h]) => h), ...rows.map((r) => cols.map(([, f]) => String(f(r))))];
  const widths = cols.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  for (const c of cells) log(c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '));
}
