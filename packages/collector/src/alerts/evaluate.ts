import type { AlertRule } from '@heatlens/schema';
import type { PageFigures, Tally } from './figures.js';
import type { Rules } from './rules.js';

/** The live window is 5 minutes of the hour: the rest of the hour is 11 times as long. */
const REST_OF_HOUR = 11;

/** One (rule, page, element) the rules looked at, with the figures they compared. */
export type Check = {
  /** `rule|page|element`: the same for an alert's firing and resolved notices */
  id: string;
  rule: AlertRule;
  page: string;
  element: string | null;
  firing: boolean;
  figures: Record<string, number>;
};

/** The page of a site-wide rule. */
export const SITE_PAGE = '*';

export const alertId = (rule: AlertRule, page: string, element: string | null) => `${rule}|${page}|${element ?? ''}`;

const round = (n: number) => Math.round(n * 100) / 100;
/** Per 5 minutes over the hour before the live window. */
const usual = (hour: number, live: number) => Math.max(0, hour - live) / REST_OF_HOUR;

/**
 * Apply a site's rules to its pages' figures. `held` maps the id of each alert firing now to the
 * usual rate it fired against: a `quiet` alert stays firing until traffic comes back to that
 * rate, even when the silence has since dragged the hour's average down. Returns every check
 * that fires, and the figures of every element and page looked at (for `resolved` notices).
 */
export function evaluateRules(rules: Rules, pages: PageFigures[], held: Map<string, number> = new Map()): Check[] {
  const out: Check[] = [];
  for (const p of pages) {
    for (const rule of ['rage', 'dead'] as const) {
      const r = rules[rule];
      if (!r) continue;
      for (const [element, count] of p.live[rule]) {
        const clicks = Math.max(count, p.live.clicks.get(element) ?? 0);
        const share = clicks ? count / clicks : 0;
        const before = usual(p.hour[rule].get(element) ?? 0, count);
        const firing = count >= r.min && (share >= r.share || (before > 0 && count >= r.multiple * before));
        out.push({
          id: alertId(rule, p.page, element),
          rule,
          page: p.page,
          element,
          firing,
          figures: { count, clicks, share: round(share), usual: round(before) },
        });
      }
    }
    if (rules.quiet?.scope === 'page') out.push(quiet(rules.quiet, p.page, p.live, p.hour, held));
    if (rules.spike) {
      const before = usual(p.hour.events, p.live.events);
      const firing = p.live.events >= rules.spike.min && p.live.events >= rules.spike.multiple * before;
      out.push({
        id: alertId('spike', p.page, null),
        rule: 'spike',
        page: p.page,
        element: null,
        firing,
        figures: { events: p.live.events, usual: round(before) },
      });
    }
  }
  // A page silent for the whole hour has left the ranking: its quiet alert holds all the same.
  const empty = (): Tally => ({ events: 0, clicks: new Map(), rage: new Map(), dead: new Map() });
  const seen = new Set(pages.map((p) => p.page));
  for (const id of held.keys()) {
    const [rule, page] = id.split('|') as [string, string];
    if (rule === 'quiet' && rules.quiet?.scope === 'page' && page !== SITE_PAGE && !seen.has(page))
      out.push(quiet(rules.quiet, page, empty(), empty(), held));
  }
  if (rules.quiet?.scope === 'site') {
    const sum = (k: 'live' | 'hour') => ({ events: pages.reduce((a, p) => a + p[k].events, 0) }) as Tally;
    out.push(quiet(rules.quiet, SITE_PAGE, sum('live'), sum('hour'), held));
  }
  return out;
}

function quiet(
  r: NonNullable<Rules['quiet']>,
  page: string,
  live: Tally,
  hour: Tally,
  held: Map<string, number>,
): Check {
  const id = alertId('quiet', page, null);
  const before = Math.max(usual(hour.events, live.events), held.get(id) ?? 0);
  const firing = before >= r.min && live.events <= r.below * before;
  return { id, rule: 'quiet', page, element: null, firing, figures: { events: live.events, usual: round(before) } };
}
