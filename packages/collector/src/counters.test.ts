import { describe, expect, it } from 'vitest';
import { OTHER, capString, decode, familyOf, member, otherOf } from './counters.js';
import { MAX_FAMILY_MEMBERS, MAX_MEMBER_CHARS } from './store/limits.js';
import { elementMember } from './tile-members.js';

describe('counter member codes', () => {
  it('round-trips a family string, colons and all', () => {
    expect(decode(member('sel', 'a:nth-of-type(2)'))).toEqual({ family: 'sel', fixed: [], value: 'a:nth-of-type(2)' });
    expect(decode(member('m', 'https://cdn.example/v.webm', 'video', 'p50'))).toEqual({
      family: 'm',
      fixed: ['video', 'p50'],
      value: 'https://cdn.example/v.webm',
    });
    expect(decode('pv')).toEqual({ total: 'pv' });
  });

  it('cuts and normalises what a visitor chose, never splitting a surrogate pair', () => {
    expect(capString('x'.repeat(5000))).toHaveLength(MAX_MEMBER_CHARS);
    expect(capString(`${'x'.repeat(MAX_MEMBER_CHARS - 1)}😀`)).toBe('x'.repeat(MAX_MEMBER_CHARS - 1));
    expect(capString('cafe\u0301')).toBe('caf\u00e9');
  });

  it('names the (other) of each family, keeping fixed fields, with room for every element cell', () => {
    expect(familyOf(member('m', '/a.ogg', 'audio', 'play'))).toEqual({ key: 'm:audio:play:', cap: MAX_FAMILY_MEMBERS });
    expect(otherOf('m:audio:play:')).toBe(`m:audio:play:${OTHER}`);
    expect(familyOf(elementMember('a#buy', 0.5, 0.5))!.cap).toBe(2000);
    expect(familyOf('12:34')).toBeUndefined(); // a tile
  });
});
