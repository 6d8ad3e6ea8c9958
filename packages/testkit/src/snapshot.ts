import type { SnapshotMessage, Stats } from '@heatlens/schema/live';

const media = { play: 0, p25: 0, p50: 0, p75: 0, complete: 0 };

/** A valid `/live` snapshot frame for unit tests, with `over` merged in. */
export function snapshotFixture(over: Partial<SnapshotMessage> = {}): SnapshotMessage {
  const stats: Stats = {
    site: 'demo',
    path: '/product/:id',
    windowMs: 300_000,
    from: 0,
    to: 300_000,
    events: 3,
    views: 1,
    visitors: 1,
    clicks: 1,
    rage: 0,
    dead: 0,
    selectors: [{ sel: '#buy', count: 1 }],
    scroll: { sessions: 0, median: 0, reach: [0, 0, 0, 0] },
    forms: { starts: 0, submits: 0, byForm: [] },
    media: { video: { ...media }, audio: { ...media }, bySrc: [] },
    downloads: { total: 0, top: [] },
    imageViews: { total: 0, top: [] },
    outbound: { total: 0, top: [] },
    engagedMs: 0,
    custom: [],
    sources: {
      referrers: [['news.ycombinator.com', 1]],
      languages: [['en', 1]],
      timeZones: [['Europe/Lisbon', 1]],
      regions: [['Europe', 1]],
      screens: [['l 1920x1080', 1]],
    },
  };
  return {
    type: 'snapshot',
    site: 'demo',
    path: '/product/:id',
    kind: 'move',
    seg: 'all',
    grid: 50,
    rowPx: 20,
    rows: 21,
    fixed: [],
    windowMs: 300_000,
    from: 0,
    to: 300_000,
    total: 3,
    max: 2,
    tiles: [
      [10, 20, 2],
      [11, 20, 1],
    ],
    stats,
    ...over,
  };
}
