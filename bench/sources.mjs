// What counting where visitors come from costs (run with `node --import tsx bench/sources.mjs`:
// it imports the collector's sources; needs `redis-server` on PATH for the read figures).
// 1. Fold: microseconds per page view with its ref, lang, tz, sw, sh against the same page views
//    without them (what the collector did before: count the view only).
// 2. Read: GET /api/pages's store call for 50 pages, each with full source families (100
//    referrers, languages, zones and screens), on Redis; and, of that, the site-level sum
//    (`siteSources`), done in the collector from counters the call read anyway (no extra command).
// Prints figures, asserts nothing.
const src = new URL('../packages/collector/src/', import.meta.url).href;
const { foldBatch } = await import(`${src}core/fold.ts`);
const { ownHosts } = await import(`${src}core/sources.ts`);
const { siteSources } = await import(`${src}core/build-sources.ts`);
const { createRedisStore } = await import(`${src}store/redis.ts`);
const { startRedis } = await import('@heatlens/testkit/redis-server');
const { createClient } = await import('./lib/deps.mjs').then((d) => d.redis);

const ZONES = Intl.supportedValuesOf('timeZone');
const REFS = [
  'https://www.google.com/',
  'https://news.ycombinator.com/item',
  '',
  'https://t.co/x',
  'https://shop.example/product/1',
  'android-app://com.google.android.gm/',
];
const LANGS = ['en-US', 'pt-BR', 'de-DE', 'ja-JP', 'fr'];
const now = Date.now();
const view = (i, full) => ({
  type: 'pageview',
  ts: now,
  vh: 800,
  ...(full ? { ref: REFS[i % REFS.length], lang: LANGS[i % LANGS.length], tz: ZONES[i % 60], sw: 1440, sh: 900 } : {}),
});
const batch = (j, full) => ({
  v: 1,
  id: `b${j}`,
  site: 'shop',
  sid: `s${j}`,
  path: '/',
  vw: 1440,
  sent: now,
  events: Array.from({ length: 20 }, (_, i) => view(i + j, full)),
});

function perView(full) {
  const site = { own: ownHosts(['https://shop.example']), pageHost: 'shop.example' };
  const batches = Array.from({ length: 2000 }, (_, j) => batch(j, full));
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const b of batches) foldBatch(b, '/', now, 50, site);
    best = Math.min(best, ((performance.now() - t0) * 1000) / (batches.length * 20));
  }
  return best;
}
const withSources = perView(true);
const without = perView(false);
console.log(
  `fold: ${withSources.toFixed(2)} us per page view with sources, ${without.toFixed(2)} us without ` +
    `(+${(withSources - without).toFixed(2)} us)`,
);

const redis = await startRedis();
const client = await createClient({ url: redis.url })
  .on('error', () => {})
  .connect();
try {
  const PAGES = 50;
  const DISTINCT = 100;
  /** pages() p50 and min over 30 calls, after one warm-up, for a site whose page views carry sources or not. */
  async function readSite(site, full) {
    for (let p = 0; p < PAGES; p++) {
      for (let k = 0; k < DISTINCT; k += 20) {
        const events = Array.from({ length: 20 }, (_, i) => ({
          type: 'pageview',
          ts: now,
          vh: 800,
          ...(full
            ? {
                ref: `https://r${k + i}.example/`,
                lang:
                  `a${String.fromCharCode(97 + ((k + i) % 26))}` +
                  `${String.fromCharCode(97 + Math.floor((k + i) / 26))}`,
                tz: ZONES[(k + i) % ZONES.length],
                sw: 300 + k + i,
                sh: 800,
              }
            : {}),
        }));
        await store.record(
          foldBatch(
            { v: 1, id: `${site}${p}-${k}`, site, sid: `s${p}`, path: `/p${p}`, vw: 1440, sent: now, events },
            `/p${p}`,
            now,
            50,
          ),
        );
      }
    }
    await store.pages({ site, window: '5m', now: now + 1000, limit: PAGES });
    const times = [];
    for (let r = 0; r < 30; r++) {
      const t0 = performance.now();
      const answer = await store.pages({ site, window: '5m', now: now + 1000, limit: PAGES });
      times.push(performance.now() - t0);
      if (answer.pages.length !== PAGES) throw new Error(`expected ${PAGES} pages, got ${answer.pages.length}`);
    }
    times.sort((a, b) => a - b);
    return { p50: times[15], min: times[0] };
  }
  const store = createRedisStore({ client, ping: () => client.ping() });
  const before = await readSite('plain', false);
  const after = await readSite('sourced', true);
  // The site-level sum alone. Full families (not the ranked 20) as the store holds them: 5 families x
  // 100 members per page.
  const full = Array.from({ length: PAGES }, (_, p) => ({
    counters: ['ref', 'lang', 'tz', 'rg', 'scr'].flatMap((f) =>
      Array.from({ length: DISTINCT }, (_, i) => [`${f}:v${(i + p) % 150}`, 1]),
    ),
  }));
  let best = Infinity;
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    siteSources(full);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(
    `read: pages() for ${PAGES} pages on Redis: p50 ${after.p50.toFixed(1)} ms (min ${after.min.toFixed(1)}) ` +
      `with full source families, ${before.p50.toFixed(1)} ms (min ${before.min.toFixed(1)}) without; the ` +
      `site-level sum ${best.toFixed(2)} ms of it (${PAGES * 5 * DISTINCT} members), no extra Redis command`,
  );
  console.log(
    JSON.stringify({
      foldUsPerView: +withSources.toFixed(2),
      foldUsPerViewBefore: +without.toFixed(2),
      pagesP50Ms: +after.p50.toFixed(1),
      pagesP50MsBefore: +before.p50.toFixed(1),
      siteSumMs: +best.toFixed(2),
    }),
  );
} finally {
  client.destroy();
  await redis.stop();
}
