import { describe, expect, it } from 'vitest';
import { emptyStats } from '@heatlens/testkit/snapshot';
import { statsRows } from './stats-rows.js';

const zero = emptyStats().media.video;
const stats = emptyStats({
  path: '/product/:id',
  events: 100,
  views: 12,
  visitors: 5,
  clicks: 30,
  rage: 2,
  dead: 1,
  scroll: { sessions: 4, median: 50, reach: [1, 0.75, 0.5, 0.25] },
  forms: { starts: 3, submits: 1, byForm: [] },
  media: { video: { ...zero, play: 4, complete: 1 }, audio: { ...zero, play: 1 }, bySrc: [] },
  downloads: { total: 2, top: [] },
  imageViews: { total: 7, top: [] },
  sources: {
    referrers: [
      ['(internal)', 6],
      ['google.com', 3],
      ['(direct)', 2],
      ['t.co', 1],
      ['bing.com', 1],
    ],
    languages: [],
    timeZones: [],
    regions: [],
    screens: [],
  },
});

describe('statsRows', () => {
  it('lists every live number the popup shows', () => {
    expect(Object.fromEntries(statsRows(stats, '5m'))).toEqual({
      'Visitors now': '5',
      Views: '12',
      Clicks: '30',
      'Rage / dead clicks': '2 / 1',
      'Scroll reach 25/50/75/100': '100 % · 75 % · 50 % · 25 %',
      'Form starts / submits': '3 / 1',
      'Media plays / completes': '5 / 1',
      Downloads: '2',
      'Image views': '7',
      'Top referrers': 'google.com 3 · (direct) 2 · t.co 1',
    });
  });
  it('says so when no view came from another site', () => {
    const sources = { ...stats.sources, referrers: [['(internal)', 4]] as Array<[string, number]> };
    expect(statsRows({ ...stats, sources }, '5m').at(-1)).toEqual(['Top referrers', '—']);
  });
  it('says "visitors", not "now", for the longer windows', () => {
    expect(statsRows(stats, '24h')[0]).toEqual(['Visitors', '5']);
  });
});
