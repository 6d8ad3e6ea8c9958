import { SITE_PAGE, alertId, type Check } from './evaluate.js';

/** The element of the notice that stands for every check of a rule past its bound. */
export const MORE_ELEMENT = '(more)';

/**
 * Bound the alerts of each rule a site may have firing at once to `max`: the checks already
 * firing keep their place, new ones are taken by their figures (count, then events) until the
 * rule has `max`, and the rest are rolled into one check per rule, `rule|*|(more)`, firing while
 * any is left out (its `count`: how many), resolved when none is. 200 batches of a public site
 * made 40,000 notices of one rule; now they make at most `max` and one roll-up.
 *
 * `checks` are the evaluation's checks by id, `firing` the ids firing now; returns the checks to
 * act on (the left-out ones removed, roll-ups added).
 */
export function capChecks(checks: Map<string, Check>, firing: Set<string>, max: number): Map<string, Check> {
  const out = new Map<string, Check>();
  const byRule = new Map<Check['rule'], Check[]>();
  const held = new Map<Check['rule'], number>();
  for (const c of checks.values()) {
    if (c.element === MORE_ELEMENT) continue;
    if (!c.firing || firing.has(c.id)) {
      out.set(c.id, c);
      if (c.firing) held.set(c.rule, (held.get(c.rule) ?? 0) + 1);
    } else {
      byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), c]);
    }
  }
  const weight = (c: Check) => c.figures.count ?? c.figures.events ?? 0;
  for (const rule of ['rage', 'dead', 'quiet', 'spike'] as const) {
    const fresh = (byRule.get(rule) ?? []).sort((a, b) => weight(b) - weight(a));
    const room = Math.max(0, max - (held.get(rule) ?? 0));
    for (const c of fresh.slice(0, room)) out.set(c.id, c);
    const left = fresh.length - Math.min(room, fresh.length);
    const id = alertId(rule, SITE_PAGE, MORE_ELEMENT);
    if (left > 0 || firing.has(id))
      out.set(id, { id, rule, page: SITE_PAGE, element: MORE_ELEMENT, firing: left > 0, figures: { count: left } });
  }
  return out;
}
