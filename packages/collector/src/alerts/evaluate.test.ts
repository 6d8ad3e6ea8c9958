import { describe, expect, it } from 'vitest';
import { evaluateRules } from './evaluate.js';
import { tally, type PageFigures } from './figures.js';
import { resolveRules } from './rules.js';

/** A page's figures from its raw counters: `live` for the last 5 minutes, `rest` for the 55 before. */
const page = (key: string, live: Record<string, number>, rest: Record<string, number> = {}): PageFigures => {
  const hour = { ...rest };
  for (const [k, n] of Object.entries(live)) hour[k] = (hour[k] ?? 0) + n;
  return { page: key, live: tally(Object.entries(live)), hour: tally(Object.entries(hour)) };
};
const firing = (checks: ReturnType<typeof evaluateRules>) => checks.filter((c) => c.firing).map((c) => c.id);

describe('alert rules', () => {
  const defaults = resolveRules({});

  it('fires rage and dead on an element that reaches the count and share of its clicks', () => {
    const p = page('/cart', {
      ev: 20,
      'sel:#pay': 8,
      'rsel:#pay': 5,
      'dsel:#pay': 4,
      'sel:a.home': 9,
      'rsel:a.home': 2,
    });
    const checks = evaluateRules(defaults, [p]);
    expect(firing(checks)).toEqual(['rage|/cart|#pay']);
    expect(checks.find((c) => c.id === 'rage|/cart|#pay')).toMatchObject({
      element: '#pay',
      figures: { count: 5, clicks: 8, share: 0.63, usual: 0 },
    });
  });

  it('does not fire on rage clicks that are a small share of a busy element, unless they jump above the hour', () => {
    const busy = { ev: 200, 'sel:#menu': 100, 'rsel:#menu': 10 };
    expect(firing(evaluateRules(defaults, [page('/', busy)]))).toEqual([]); // 10 % of its clicks, none before
    // 4 per 5 min before: x2.5
    expect(firing(evaluateRules(defaults, [page('/', busy, { 'rsel:#menu': 44 })]))).toEqual([]);
    // 2 before: x5
    expect(firing(evaluateRules(defaults, [page('/', busy, { 'rsel:#menu': 22 })]))).toEqual(['rage|/|#menu']);
  });

  it('fires quiet on a page whose steady traffic stopped, and holds it while the hour forgets', () => {
    const rules = resolveRules({ quiet: {} });
    const stopped = page('/', { ev: 2 }, { ev: 1100 }); // 100 per 5 min before
    expect(evaluateRules(rules, [stopped]).map((c) => [c.id, c.firing, c.figures])).toEqual([
      ['quiet|/|', true, { events: 2, usual: 100 }],
    ]);
    expect(firing(evaluateRules(rules, [page('/', { ev: 50 }, { ev: 1100 })]))).toEqual([]);
    expect(firing(evaluateRules(rules, [page('/', { ev: 0 }, { ev: 110 })]))).toEqual([]); // 10 per 5 min: not steady
    // Firing against 100: an hour later the page is gone from the ranking, still quiet.
    expect(firing(evaluateRules(rules, [], new Map([['quiet|/|', 100]])))).toEqual(['quiet|/|']);
    expect(firing(evaluateRules(rules, [page('/', { ev: 40 })], new Map([['quiet|/|', 100]])))).toEqual([]);
  });

  it('fires a site-wide quiet on the sum of its pages', () => {
    const rules = resolveRules({ quiet: { scope: 'site', min: 50 } });
    const pages = [page('/a', { ev: 1 }, { ev: 330 }), page('/b', { ev: 0 }, { ev: 330 })];
    expect(firing(evaluateRules(rules, pages))).toEqual(['quiet|*|']);
  });

  it('fires spike on a page at a multiple of its usual rate', () => {
    const rules = resolveRules({ spike: { min: 100, multiple: 5 } });
    expect(firing(evaluateRules(rules, [page('/', { ev: 600 }, { ev: 1100 })]))).toEqual(['spike|/|']);
    expect(firing(evaluateRules(rules, [page('/', { ev: 400 }, { ev: 1100 })]))).toEqual([]);
    expect(firing(evaluateRules(rules, [page('/', { ev: 99 })]))).toEqual([]);
  });
});
