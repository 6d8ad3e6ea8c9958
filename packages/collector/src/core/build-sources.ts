import { MAX_SOURCES, type Sources } from '@heatlens/schema';
import { decode } from './counters.js';

/** The counter family of each `Sources` list (counters.ts). */
const LISTS = { ref: 'referrers', lang: 'languages', tz: 'timeZones', rg: 'regions', scr: 'screens' } as const;
type List = keyof Sources;

/** Views per value of each `Sources` list, summed over any number of pages' counters. */
export type SourceCounts = Record<List, Map<string, number>>;

const empty = (): SourceCounts => ({
  referrers: new Map(),
  languages: new Map(),
  timeZones: new Map(),
  regions: new Map(),
  screens: new Map(),
});

/** Add the source members of one page's counters (member code -> count) to `into`. */
export function addSources(counters: Iterable<[string, number]>, into: SourceCounts = empty()): SourceCounts {
  for (const [m, n] of counters) {
    if (!(n > 0)) continue;
    const d = decode(m);
    if ('total' in d || !Object.hasOwn(LISTS, d.family)) continue;
    const list = into[LISTS[d.family as keyof typeof LISTS]];
    list.set(d.value, (list.get(d.value) ?? 0) + n);
  }
  return into;
}

const ranked = (m: Map<string, number>): Array<[string, number]> =>
  [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_SOURCES);

/** The `Sources` answer: each list ranked by views (ties by value), at most MAX_SOURCES entries. */
export function rankSources(c: SourceCounts): Sources {
  return {
    referrers: ranked(c.referrers),
    languages: ranked(c.languages),
    timeZones: ranked(c.timeZones),
    regions: ranked(c.regions),
    screens: ranked(c.screens),
  };
}

/** A site's sources: the sum of its pages' counters, ranked once (no page's list is cut first). */
export function siteSources(pages: Iterable<{ counters: Iterable<[string, number]> }>): Sources {
  const c = empty();
  for (const p of pages) addSources(p.counters, c);
  return rankSources(c);
}
