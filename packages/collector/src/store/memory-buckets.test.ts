import { describe, expect, it } from 'vitest';
import { familyOf, member, otherOf } from '../core/counters.js';
import { windowSpec } from '../core/windows.js';
import { bump, bumpCapped, getOr, prune, setKey, type Counts } from './memory-buckets.js';
import { MAX_FAMILY_MEMBERS } from '../core/limits.js';

describe('memory buckets', () => {
  it('counts a capped family past its cap as its (other) member, and a tile never so', () => {
    const m: Counts = new Map();
    for (let i = 0; i < MAX_FAMILY_MEMBERS + 3; i++) bumpCapped(m, member('lang', `x${i}`), 1);
    bumpCapped(m, member('lang', 'x0'), 2); // a member already counted stays itself
    const other = otherOf(familyOf(member('lang', 'x0'))!.key);
    expect(m.get(other)).toBe(3);
    expect(m.get(member('lang', 'x0'))).toBe(3);
    for (let i = 0; i < MAX_FAMILY_MEMBERS + 3; i++) bumpCapped(m, `${i}:0`, 1);
    expect(m.get(`${MAX_FAMILY_MEMBERS + 2}:0`)).toBe(1);
  });

  it('drops the buckets that left the window, keeps the rest', () => {
    const w = windowSpec('5m');
    const now = 10 * 60_000;
    const b = new Map([
      [now - 6 * 60_000, 1],
      [now - 60_000, 2],
    ]);
    prune(b, now, w);
    expect([...b.values()]).toEqual([2]);
  });

  it('builds keys once and makes a missing entry on first use', () => {
    expect(setKey('5m', 'click2', 'a')).toBe('5m|click2|a');
    expect(setKey('5m', 'click2', 'a')).toBe(setKey('5m', 'click2', 'a'));
    const m = new Map<string, Counts>();
    bump(
      getOr(m, 'p', () => new Map()),
      't',
      2,
    );
    bump(
      getOr(m, 'p', () => new Map()),
      't',
      3,
    );
    expect(m.get('p')!.get('t')).toBe(5);
  });
});
