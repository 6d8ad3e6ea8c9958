import { describe, expect, it } from 'vitest';
import { buildStats, type RawStats } from './build-stats.js';
import { TOTAL, member } from './counters.js';

const q = { site: 'shop', page: '/product/:id' };
const raw = (counters: Array<[string, number]>, reach: number[] = [], visitors = 0): RawStats => ({
  from: 1000,
  to: 301_000,
  windowMs: 300_000,
  counters,
  visitors,
  reach,
});

describe('buildStats', () => {
  it('answers the window and the totals, ignoring members with no positive count and unknown families', () => {
    const s = buildStats(
      q,
      raw(
        [
          [TOTAL.events, 40],
          [TOTAL.views, 6],
          [TOTAL.clicks, 9],
          [TOTAL.rage, 5],
          [TOTAL.dead, 2],
          [TOTAL.engaged, 12_500],
          [TOTAL.clicks, -3],
          ['zz:whatever', 7],
          [member('sel', 'a.buy'), 0],
        ],
        [],
        4,
      ),
    );
    expect(s).toMatchObject({ site: 'shop', path: '/product/:id', windowMs: 300_000, from: 1000, to: 301_000 });
    expect(s).toMatchObject({ events: 40, views: 6, visitors: 4, clicks: 9, rage: 5, dead: 2, engagedMs: 12_500 });
    expect(s.selectors).toEqual([]);
  });

  it('ranks selectors, downloads, images, outbound links and custom events by count, ties by value, at most 20', () => {
    const sels = Array.from({ length: 25 }, (_, i): [string, number] => [
      member('sel', `#b${String(i).padStart(2, '0')}`),
      i < 2 ? 10 : 1,
    ]);
    const s = buildStats(
      q,
      raw([
        ...sels,
        [member('dl', '/a.pdf'), 2],
        [member('dl', '/b.zip'), 5],
        [member('img', '/hero.jpg'), 3],
        [member('out', 'https://x.example/'), 1],
        [member('out', 'https://a.example/'), 1],
        [member('cu', 'signup'), 4],
      ]),
    );
    expect(s.selectors).toHaveLength(20);
    expect(s.selectors.slice(0, 3)).toEqual([
      { sel: '#b00', count: 10 },
      { sel: '#b01', count: 10 },
      { sel: '#b02', count: 1 },
    ]);
    expect(s.downloads).toEqual({
      total: 7,
      top: [
        { url: '/b.zip', count: 5 },
        { url: '/a.pdf', count: 2 },
      ],
    });
    expect(s.imageViews).toEqual({ total: 3, top: [{ src: '/hero.jpg', count: 3 }] });
    expect(s.outbound).toEqual({
      total: 2,
      top: [
        { url: 'https://a.example/', count: 1 },
        { url: 'https://x.example/', count: 1 },
      ],
    });
    expect(s.custom).toEqual([{ name: 'signup', count: 4 }]);
  });

  it('reads scroll reach per band as sessions, the median depth and the share past 25, 50, 75 and 100 %', () => {
    // 4 bands: 10 sessions reached band 0, 8 band 1, 5 band 2, 2 the last one.
    const s = buildStats(q, raw([], [10, 8, 5, 2]));
    expect(s.scroll).toEqual({ sessions: 10, median: 75, reach: [0.8, 0.5, 0.2, 0.2] });
    expect(buildStats(q, raw([], [0, 0, 0, 0])).scroll).toEqual({ sessions: 0, median: 0, reach: [0, 0, 0, 0] });
    expect(buildStats(q, raw([])).scroll).toEqual({ sessions: 0, median: 0, reach: [0, 0, 0, 0] });
  });

  it('pairs form starts with submits per form, busiest first', () => {
    const s = buildStats(
      q,
      raw([
        [member('fs', '#checkout'), 3],
        [member('fx', '#checkout'), 1],
        [member('fs', '#news'), 6],
        [member('fx', '#gone'), 2],
      ]),
    );
    expect(s.forms).toEqual({
      starts: 9,
      submits: 3,
      byForm: [
        { form: '#news', starts: 6, submits: 0 },
        { form: '#checkout', starts: 3, submits: 1 },
        { form: '#gone', starts: 0, submits: 2 },
      ],
    });
  });

  it('counts media actions per kind and per source, skipping kinds and actions it does not know', () => {
    const s = buildStats(
      q,
      raw([
        [member('m', '/intro.mp4', 'video', 'play'), 4],
        [member('m', '/intro.mp4', 'video', 'complete'), 1],
        [member('m', '/talk.mp3', 'audio', 'p50'), 2],
        [member('m', '/x.gif', 'image', 'play'), 9],
        [member('m', '/intro.mp4', 'video', 'rewind'), 9],
      ]),
    );
    expect(s.media.video).toEqual({ play: 4, p25: 0, p50: 0, p75: 0, complete: 1 });
    expect(s.media.audio).toEqual({ play: 0, p25: 0, p50: 2, p75: 0, complete: 0 });
    expect(s.media.bySrc).toEqual([
      { src: '/intro.mp4', kind: 'video', counts: { play: 4, p25: 0, p50: 0, p75: 0, complete: 1 } },
      { src: '/talk.mp3', kind: 'audio', counts: { play: 0, p25: 0, p50: 2, p75: 0, complete: 0 } },
    ]);
  });

  it('ranks where page views came from (build-sources.ts) from the same counters', () => {
    const s = buildStats(
      q,
      raw([
        [member('ref', 'google.com'), 2],
        [member('ref', '(direct)'), 3],
        [member('lang', 'pt'), 5],
      ]),
    );
    expect(s.sources.referrers).toEqual([
      ['(direct)', 3],
      ['google.com', 2],
    ]);
    expect(s.sources.languages).toEqual([['pt', 5]]);
  });
});

describe('buildStats per element', () => {
  it('ranks rage and dead clicks per selector, so a viewer can show them for any element', () => {
    const s = buildStats(
      q,
      raw([
        [member('rsel', 'body>button#buy'), 4],
        [member('rsel', 'a.nav'), 1],
        [member('dsel', 'div.card'), 3],
        [member('sel', 'body>button#buy'), 9],
      ]),
    );
    expect(s.rageSelectors).toEqual([
      { sel: 'body>button#buy', count: 4 },
      { sel: 'a.nav', count: 1 },
    ]);
    expect(s.deadSelectors).toEqual([{ sel: 'div.card', count: 3 }]);
    expect(s.selectors).toEqual([{ sel: 'body>button#buy', count: 9 }]);
  });
});
