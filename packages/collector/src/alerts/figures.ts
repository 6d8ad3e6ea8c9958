import type { AlertCounters } from '../store/types.js';

/** A page's click and event counts over one window, as the alert rules read them. */
export type Tally = {
  events: number;
  /** clicks per selector */
  clicks: Map<string, number>;
  /** rage clicks per selector */
  rage: Map<string, number>;
  /** dead clicks per selector */
  dead: Map<string, number>;
};

/** A page's tallies: the live (5-minute) window and the hour that contains it. */
export type PageFigures = { page: string; live: Tally; hour: Tally };

/** Counter members the alert rules read (named in fold.ts): the events total and per-selector clicks. */
export const ALERT_MEMBERS = { events: 'ev', clicks: 'sel:', rage: 'rsel:', dead: 'dsel:' } as const;

/** Sum a page's raw counters into a tally; members the rules do not read are skipped. */
export function tally(counters: Iterable<[string, number]>): Tally {
  const t: Tally = { events: 0, clicks: new Map(), rage: new Map(), dead: new Map() };
  const bump = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  for (const [m, n] of counters) {
    if (!(n > 0)) continue;
    if (m === ALERT_MEMBERS.events) t.events += n;
    else if (m.startsWith(ALERT_MEMBERS.clicks)) bump(t.clicks, m.slice(4), n);
    else if (m.startsWith(ALERT_MEMBERS.rage)) bump(t.rage, m.slice(5), n);
    else if (m.startsWith(ALERT_MEMBERS.dead)) bump(t.dead, m.slice(5), n);
  }
  return t;
}

/** A store's raw alert counters as tallies. */
export const pageFigures = (c: AlertCounters): PageFigures => ({
  page: c.page,
  live: tally(c.live),
  hour: tally(c.hour),
});
