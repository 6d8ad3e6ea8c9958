import type { Kind, SegmentFilter, WindowName } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import type { ContractParts } from './fixtures.js';
import { WindowState } from '../window-state.js';

/** A small deterministic generator (mulberry32), so a failing run can be replayed from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Feed = { kind: Kind; seg: SegmentFilter; window: WindowName };
const FEEDS: Feed[] = [
  { kind: 'move', seg: 'all', window: '5m' },
  { kind: 'click', seg: 'all', window: '5m' },
  { kind: 'scroll', seg: 'all', window: '5m' },
  { kind: 'move', seg: 'l', window: '5m' },
  { kind: 'move', seg: 'all', window: '1h' },
  { kind: 'click', seg: 's', window: '1h' },
];
// Hops between reads: within a bucket, across one or several 5 s bucket edges, across a minute;
// now and then longer than a cursor lives (a whole read is then expected).
const HOPS = [250, 250, 1000, 4000, 5000, 7500, 17_000, 61_000];
const WIDTHS = [390, 1000, 1280];
const SELECTORS = ['a#buy', 'button.add', 'nav > a', 'footer a'];

/**
 * The delta-read part of the store contract (called inside `describeStore`): a window kept from
 * `windowChanges` answers (whole on the first call, deltas after) equals a whole `snapshot` read
 * after every hop, under random traffic (moves, clicks, scroll, three widths, late events) and
 * window edges (hops inside a bucket, across bucket and minute edges, buckets leaving the live and
 * hour windows), for every kind and several segments and windows. Most answers must be deltas: a
 * store answering whole every time would pass the equality without following what moved.
 */
export function describeWindowChanges(t: ContractParts) {
  describe('window changes (delta reads)', () => {
    const { store, fresh, folded, now: T0 } = t;

    for (const seed of [1, 2, 3, 4]) {
      it(`a window kept from deltas equals a whole read after every hop (seed ${seed})`, async () => {
        const rnd = random(seed);
        const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
        const site = fresh();
        const page = '/long';
        const states = FEEDS.map((f) => new WindowState({ site, page, ...f, grid: 50 }));
        let now = T0 - 7 * 60_000; // the first buckets leave the live window during the run
        let deltas = 0;
        let calls = 0;
        await store().watch(site, page, 120_000, now);
        // Traffic of about an hour ago, whose minutes leave the hour window during the run.
        for (let m = 52; m < 60; m++) {
          const old = { type: 'move' as const, x: Math.floor(rnd() * 1000), y: 100 * m, w: 1000, h: 6000 };
          await store().record(folded([old, { ...old, x: 5 }], { site, path: page, now, ago: m * 60_000 + 10_000 }));
        }
        for (let step = 0; step < 48; step++) {
          now += step ? pick(HOPS) : 0;
          await store().watch(site, page, 120_000, now);
          for (let b = Math.floor(rnd() * 4); b > 0; b--) {
            const events = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => {
              const x = Math.floor(rnd() * 1000);
              const y = Math.floor(rnd() * 6000);
              const r = rnd();
              if (r < 0.6) return { type: 'move' as const, x, y, w: 1000, h: 6000 };
              if (r < 0.85) return { type: 'click' as const, x, y, w: 1000, h: 6000, sel: pick(SELECTORS) };
              return { type: 'scroll' as const, depth: Math.floor(rnd() * 101) };
            });
            // Mostly events of the last seconds; a few late ones land in sealed buckets.
            const ago = rnd() < 0.9 ? Math.floor(rnd() * 3000) : 20_000 + Math.floor(rnd() * 30_000);
            const sid = `v${Math.floor(rnd() * 6)}`;
            await store().record(folded(events, { site, path: page, now, ago, sid, vw: pick(WIDTHS) }));
          }
          for (const [i, f] of FEEDS.entries()) {
            const state = states[i]!;
            const q = { site, page, ...f, now };
            const changes = await store().windowChanges(q, state.cursor);
            calls++;
            if (!changes.full) deltas++;
            state.apply(changes);
            expect(state.heatmap(), `seed ${seed} step ${step} ${f.kind}/${f.seg}/${f.window}`).toEqual(
              await store().snapshot(q),
            );
          }
        }
        // First calls are whole, as are those after a long hop or a late event: the rest are deltas.
        expect(deltas).toBeGreaterThan(calls / 3);
      });
    }

    it('answers a foreign or malformed cursor with the whole window, not an error', async () => {
      const site = fresh();
      await store().record(folded([{ type: 'move', x: 10, y: 10, w: 1000, h: 5000 }], { site }));
      const q = { site, page: '/', kind: 'move' as const, seg: 'all' as const, window: '5m' as const, now: T0 };
      await store().watch(site, '/', 10_000, T0);
      const first = await store().windowChanges(q);
      expect(first.full).toBe(true);
      expect(first.members).toEqual([['0:0', 1]]);
      for (const bad of ['', 'x', 'r1|5m|move2:a|1|2|3|4', 'm1|5m|move:all|a|b|c', first.cursor.replace('5m', '1h')]) {
        const c = await store().windowChanges(q, bad);
        expect(c.full, bad).toBe(true);
        expect(c.members, bad).toEqual([['0:0', 1]]);
      }
      // The same feed's own cursor, nothing written since: a delta with nothing that changed.
      const again = await store().windowChanges(q, first.cursor);
      expect(again.full).toBe(false);
      expect(again.members.filter(([, n]) => n !== 1)).toEqual([]);
    });
  });
}
