import { MAX_SOURCES } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { addSources, rankSources, siteSources } from './build-sources.js';
import { member } from './counters.js';

describe('sources from counters', () => {
  it('sorts each family into its list, skipping totals, other families and counts that are not positive', () => {
    const c = addSources([
      [member('ref', 'google.com'), 2],
      [member('lang', 'pt'), 1],
      [member('tz', 'Europe/Lisbon'), 1],
      [member('rg', 'Europe'), 1],
      [member('scr', 'l 1440x900'), 1],
      [member('sel', '#buy'), 9],
      ['pv', 9],
      [member('ref', 't.co'), 0],
    ]);
    expect(rankSources(c)).toEqual({
      referrers: [['google.com', 2]],
      languages: [['pt', 1]],
      timeZones: [['Europe/Lisbon', 1]],
      regions: [['Europe', 1]],
      screens: [['l 1440x900', 1]],
    });
  });

  it('ranks by views, ties by value, and keeps at most MAX_SOURCES per list', () => {
    const refs = Array.from({ length: MAX_SOURCES + 5 }, (_, i): [string, number] => [
      member('ref', `r${String(i).padStart(3, '0')}`),
      i === 7 ? 3 : 1,
    ]);
    const ranked = rankSources(addSources(refs)).referrers;
    expect(ranked).toHaveLength(MAX_SOURCES);
    expect(ranked.slice(0, 3)).toEqual([
      ['r007', 3],
      ['r000', 1],
      ['r001', 1],
    ]);
  });

  it("sums a site's pages before ranking, so a value spread over pages is not cut on any one", () => {
    const page = (own: string): { counters: Array<[string, number]> } => ({
      counters: [
        [member('ref', 'spread'), 1],
        ...Array.from({ length: MAX_SOURCES }, (_, i): [string, number] => [member('ref', `${own}${i}`), 2]),
      ],
    });
    const pages = Array.from({ length: 3 }, (_, i) => page(`p${i}-`));
    expect(rankSources(addSources(pages[0]!.counters)).referrers.some(([r]) => r === 'spread')).toBe(false);
    expect(siteSources(pages).referrers).toContainEqual(['spread', 3]);
  });
});
