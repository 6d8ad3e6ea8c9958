import type { Event } from '@heatlens/schema';
import { expect, it } from 'vitest';
import type { FoldedBatch } from '../../core/fold.js';
import type { Store } from '../types.js';

type Folded = (
  events: Array<Partial<Event> & { type: Event['type'] }>,
  o?: { now?: number; site?: string; path?: string; ago?: number },
) => FoldedBatch;
const move = (x: number, y: number) => ({ type: 'move' as const, x, y, w: 1000, h: 5000 });

/**
 * The alerts part of the store contract (called inside `describeStore`): per-element rage and dead
 * counts for the rules, and the fleet-wide open/close steps that make one collector send.
 */
export function describeAlerts(t: { store: () => Store; fresh: () => string; folded: Folded; now: number }) {
  const { fresh, folded, now } = t;

  it('reads per-element rage and dead clicks for the alert rules, live and over the hour', async () => {
    const site = fresh();
    const click = (sel: string, flags: { rage?: true; dead?: true } = {}) => ({
      type: 'click' as const,
      x: 1,
      y: 1,
      w: 10,
      h: 10,
      sel,
      ...flags,
    });
    await t
      .store()
      .record(
        folded(
          [click('#pay', { rage: true, dead: true }), click('#pay', { dead: true }), click('#pay'), click('a.home')],
          { site, path: '/cart' },
        ),
      );
    // 20 min ago: the hour only
    await t.store().record(folded([click('#pay', { rage: true })], { site, path: '/cart', ago: 20 * 60_000 }));
    await t.store().record(folded([move(1, 1)], { site, path: '/other' }));
    const figures = await t.store().alertFigures({ site, now: now, limit: 10 });
    expect(figures.map((f) => f.page)).toEqual(['/cart', '/other']);
    const live = new Map(figures[0]!.live);
    const hour = new Map(figures[0]!.hour);
    expect([
      live.get('rsel:#pay'),
      live.get('dsel:#pay'),
      live.get('sel:#pay'),
      live.get('sel:a.home'),
      live.get('ev'),
    ]).toEqual([1, 2, 3, 1, 4]);
    expect([hour.get('rsel:#pay'), hour.get('sel:#pay'), hour.get('ev')]).toEqual([2, 4, 5]);
    expect((await t.store().stats({ site, page: '/cart', window: '5m', now: now })).selectors).toEqual([
      { sel: '#pay', count: 3 },
      { sel: 'a.home', count: 1 },
    ]);
    // Five minutes on, the live window is empty and the hour still has them.
    const later = await t.store().alertFigures({ site, now: now + 300_000, limit: 1 });
    expect(later.map((f) => [f.page, new Map(f.live).get('rsel:#pay') ?? 0, new Map(f.hour).get('rsel:#pay')])).toEqual(
      [['/cart', 0, 2]],
    );
  });

  it('opens an alert once among concurrent callers, closes it once, then keeps it quiet for its cooldown', async () => {
    const site = fresh();
    const o = { now: now, keep: 3 };
    const opened = await Promise.all([1, 2, 3].map(() => t.store().alerts.open(site, 'rage|/|#pay', '{"n":1}', o)));
    expect(opened.filter(Boolean)).toHaveLength(1);
    expect(await t.store().alerts.list(site)).toEqual({ firing: ['{"n":1}'], recent: ['{"n":1}'] });
    expect((await t.store().alerts.list(fresh())).firing).toEqual([]); // another site sees nothing
    const closed = await Promise.all(
      [1, 2].map(() => t.store().alerts.close(site, 'rage|/|#pay', '{"n":2}', { ...o, cooldownMs: 60_000 })),
    );
    expect(closed.filter(Boolean)).toHaveLength(1);
    expect(await t.store().alerts.list(site)).toEqual({ firing: [], recent: ['{"n":2}', '{"n":1}'] });
    expect(await t.store().alerts.open(site, 'rage|/|#pay', '{"n":3}', { ...o, now: now + 59_999 })).toBe(false);
    expect(await t.store().alerts.open(site, 'dead|/|#pay', '{"n":4}', o)).toBe(true); // another key
    expect(await t.store().alerts.open(site, 'rage|/|#pay', '{"n":5}', { ...o, now: now + 60_000 })).toBe(true);
    expect((await t.store().alerts.list(site)).recent).toEqual(['{"n":5}', '{"n":4}', '{"n":2}']); // at most `keep`
  });

  it('updates the body of a firing alert only, without a log entry', async () => {
    const site = fresh();
    const o = { now: now, keep: 5 };
    expect(await t.store().alerts.update(site, 'rage|*|(more)', '{"n":0}')).toBe(false); // not firing
    await t.store().alerts.open(site, 'rage|*|(more)', '{"n":1}', o);
    expect(await t.store().alerts.update(site, 'rage|*|(more)', '{"n":2}')).toBe(true);
    expect(await t.store().alerts.list(site)).toEqual({ firing: ['{"n":2}'], recent: ['{"n":1}'] });
    await t.store().alerts.close(site, 'rage|*|(more)', '{"n":3}', { ...o, cooldownMs: 1 });
    expect(await t.store().alerts.update(site, 'rage|*|(more)', '{"n":4}')).toBe(false);
    expect((await t.store().alerts.list(site)).firing).toEqual([]);
  });
}
