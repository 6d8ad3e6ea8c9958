import { describe, expect, it } from 'vitest';
import type { FoldedBatch } from '../core/fold.js';
import { rollKey } from './redis-keys.js';
import { ALL_SEG_KEY, COUNTER_SET, HEAT_SETS } from '../core/set-names.js';
import { WINDOW_SPECS } from '../core/windows.js';
import { BATCH_ID_TTL_MS, MAX_FAMILY_MEMBERS, OPEN_BUCKETS, SCROLL_SESSION_TTL_MS } from '../core/limits.js';
import { LEVEL_ARGS, recordArgs, rollKeys } from './redis-args.js';

const batch = (over: Partial<FoldedBatch>): FoldedBatch => ({
  site: 'demo',
  page: '/',
  batchId: 'b1',
  sid: 's1',
  seg: 'l',
  now: 1000,
  items: [],
  scroll: undefined,
  buckets: new Map(),
  accepted: 0,
  tooOld: 0,
  ...over,
});

describe('recordArgs', () => {
  it('packs ids, then increments summed per bucket, set and segment (counters under all)', () => {
    const click = HEAT_SETS.click;
    const args = recordArgs([
      batch({
        now: 2000,
        buckets: new Map([[0, 2]]),
        items: [
          { b: 0, set: click, member: '1:2', n: 1 },
          { b: 0, set: COUNTER_SET, member: 'v', n: 1 },
        ],
      }),
      batch({
        batchId: 'b2',
        sid: 's2',
        seg: 's',
        now: 3000,
        scroll: { b: 0, band: 7 },
        buckets: new Map([[5000, 1]]),
        items: [
          { b: 0, set: click, member: '1:2', n: 2 },
          { b: 0, set: COUNTER_SET, member: 'v', n: 1 },
        ],
      }),
    ]);
    const head = [String(3000), String(BATCH_ID_TTL_MS), String(SCROLL_SESSION_TTL_MS), String(MAX_FAMILY_MEMBERS)];
    expect(args.slice(0, 4)).toEqual(head);
    expect(args.slice(4, 4 + LEVEL_ARGS.length)).toEqual(LEVEL_ARGS);
    expect(LEVEL_ARGS.slice(0, 2)).toEqual([String(WINDOW_SPECS.length), String(OPEN_BUCKETS)]);
    expect(args.slice(4 + LEVEL_ARGS.length)).toEqual([
      '2',
      ...['b1', 's1', 'l', '-1', '0', '0'],
      ...['b2', 's2', 's', '7', '0', '5000'],
      ...['0', click, 'l', '1', '1:2', '1'],
      ...['0', COUNTER_SET, ALL_SEG_KEY, '1', 'v', '2'],
      ...['0', click, 's', '1', '1:2', '2'],
    ]);
  });
});

describe('recordArgs of one batch', () => {
  const move = HEAT_SETS.move;
  const tail = (args: string[]) => args.slice(4 + LEVEL_ARGS.length);

  it("passes a folded batch's runs through as they are, its own fields first", () => {
    const args = recordArgs([
      batch({
        buckets: new Map([
          [0, 2],
          [5000, 1],
        ]),
        items: [
          { b: 0, set: COUNTER_SET, member: 'ev', n: 2 },
          { b: 0, set: move, member: '1:2', n: 1 },
          { b: 0, set: move, member: '3:4', n: 1 },
          { b: 5000, set: COUNTER_SET, member: 'ev', n: 1 },
        ],
      }),
    ]);
    expect(tail(args)).toEqual([
      '1',
      ...['b1', 's1', 'l', '-1', '0', '5000'],
      ...['0', COUNTER_SET, ALL_SEG_KEY, '1', 'ev', '2'],
      ...['0', move, 'l', '2', '1:2', '1', '3:4', '1'],
      ...['5000', COUNTER_SET, ALL_SEG_KEY, '1', 'ev', '1'],
    ]);
  });

  it('still sums a batch whose (bucket, set) comes in two runs (not a fold of ours)', () => {
    const args = recordArgs([
      batch({
        items: [
          { b: 0, set: move, member: '1:2', n: 1 },
          { b: 0, set: COUNTER_SET, member: 'ev', n: 1 },
          { b: 0, set: move, member: '1:2', n: 2 },
        ],
      }),
    ]);
    expect(tail(args)).toEqual([
      '1',
      ...['b1', 's1', 'l', '-1', '0', '-1'],
      ...['0', move, 'l', '1', '1:2', '3'],
      ...['0', COUNTER_SET, ALL_SEG_KEY, '1', 'ev', '1'],
    ]);
  });
});

describe('rollKeys', () => {
  it("names the rolls of every level up to the window's", () => {
    expect(rollKeys('p', [HEAT_SETS.move, 'a', '1h'])).toEqual(
      WINDOW_SPECS.slice(0, WINDOW_SPECS.findIndex((w) => w.name === '1h') + 1).map((w) =>
        rollKey('p', w.name, HEAT_SETS.move, 'a'),
      ),
    );
  });
});
