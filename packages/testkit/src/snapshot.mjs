// Live `snapshot` frames and their stats for tests, rigs and benchmarks: one builder of the full
// shape, so a field the schema adds is added here once. Plain JS so the `.mjs` rigs use it under
// plain `node`; types in snapshot.d.mts.

const media = () => ({ play: 0, p25: 0, p50: 0, p75: 0, complete: 0 });

/** Stats of an empty 5-minute window of site `demo`, path `/`, with `over` merged in. */
export function emptyStats(over = {}) {
  return {
    site: 'demo',
    path: '/',
    windowMs: 300_000,
    from: 0,
    to: 300_000,
    events: 0,
    views: 0,
    visitors: 0,
    clicks: 0,
    rage: 0,
    dead: 0,
    selectors: [],
    scroll: { sessions: 0, median: 0, reach: [0, 0, 0, 0] },
    forms: { starts: 0, submits: 0, byForm: [] },
    media: { video: media(), audio: media(), bySrc: [] },
    downloads: { total: 0, top: [] },
    imageViews: { total: 0, top: [] },
    outbound: { total: 0, top: [] },
    engagedMs: 0,
    custom: [],
    ...over,
  };
}

/** A full click snapshot frame with nothing in it (`emptyStats()`), `over` merged in. */
export function emptySnapshot(over = {}) {
  return {
    type: 'snapshot',
    site: 'demo',
    path: '/',
    kind: 'click',
    seg: 'all',
    grid: 50,
    rowPx: 20,
    rows: 0,
    windowMs: 300_000,
    from: 0,
    to: 300_000,
    total: 0,
    max: 0,
    tiles: [],
    fixed: [],
    stats: emptyStats(),
    ...over,
  };
}

/** A valid `/live` move snapshot of `/product/:id` with two tiles and a visit's stats, `over` merged in. */
export function snapshotFixture(over = {}) {
  const path = '/product/:id';
  return emptySnapshot({
    path,
    kind: 'move',
    rows: 21,
    total: 3,
    max: 2,
    tiles: [
      [10, 20, 2],
      [11, 20, 1],
    ],
    stats: emptyStats({
      path,
      events: 3,
      views: 1,
      visitors: 1,
      clicks: 1,
      selectors: [{ sel: '#buy', count: 1 }],
      sources: {
        referrers: [['news.ycombinator.com', 1]],
        languages: [['en', 1]],
        timeZones: [['Europe/Lisbon', 1]],
        regions: [['Europe', 1]],
        screens: [['l 1920x1080', 1]],
      },
    }),
    ...over,
  });
}
