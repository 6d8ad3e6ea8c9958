import { describe, expect, it } from 'vitest';
import { MORE_ELEMENT, capChecks } from './cap-checks.js';
import type { Check } from './evaluate.js';

const check = (element: string, count: number, firing = true): Check => ({
  id: `rage|/|${element}`,
  rule: 'rage',
  page: '/',
  element,
  firing,
  figures: { count },
});
const byId = (cs: Check[]) => new Map(cs.map((c) => [c.id, c]));

describe('capChecks', () => {
  it('opens at most max per rule, the largest first, and rolls the rest into one', () => {
    const checks = byId([check('#a', 5), check('#b', 9), check('#c', 7), check('#d', 6)]);
    const out = capChecks(checks, new Set(), 2);
    expect([...out.keys()]).toEqual(['rage|/|#b', 'rage|/|#c', `rage|*|${MORE_ELEMENT}`]);
    expect(out.get(`rage|*|${MORE_ELEMENT}`)).toMatchObject({ firing: true, figures: { count: 2 } });
  });

  it('keeps the ones firing, and resolves the roll-up once nothing is left out', () => {
    const firing = new Set(['rage|/|#a', 'rage|/|#b', `rage|*|${MORE_ELEMENT}`]);
    const out = capChecks(byId([check('#a', 5), check('#b', 9), check('#c', 1, false)]), firing, 2);
    expect([...out.keys()].sort()).toEqual([`rage|*|${MORE_ELEMENT}`, 'rage|/|#a', 'rage|/|#b', 'rage|/|#c']);
    expect(out.get(`rage|*|${MORE_ELEMENT}`)?.firing).toBe(false);
  });
});
