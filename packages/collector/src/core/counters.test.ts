import { describe, expect, it } from 'vitest';
import { MAX_URL } from '@heatlens/schema';
import { OTHER, capString, decode, familyOf, member, otherOf } from './counters.js';
import { MAX_FAMILY_MEMBERS, MAX_MEMBER_CHARS } from './limits.js';
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

  it('bounds and normalises what a visitor chose, never splitting a surrogate pair or an escape', () => {
    expect(capString('x'.repeat(5000))).toHaveLength(MAX_MEMBER_CHARS);
    expect(capString('x'.repeat(5000))).toMatch(/^x+~[0-9a-z]+$/);
    expect(capString(`${'x'.repeat(MAX_MEMBER_CHARS - 1)}😀`)).not.toMatch(/[\ud800-\udbff]~/);
    expect(capString('cafe\u0301')).toBe('caf\u00e9');
  });

  it('keeps two long URLs that share a prefix apart, up to MAX_URL, cut at a character boundary', () => {
    const stem = 'https://files.example/' + encodeURIComponent('文'.repeat(40)) + '/';
    const a = member('dl', stem + 'report-a.pdf');
    const b = member('dl', stem + 'report-b.pdf');
    expect(a).not.toBe(b);
    expect(a).toBe(`dl:${stem}report-a.pdf`); // 400 chars: whole
    const long = (x: string) => member('out', stem.repeat(4) + x).slice('out:'.length);
    expect(long('a')).not.toBe(long('b'));
    expect(long('a').length).toBeLessThanOrEqual(MAX_URL);
    expect(() => decodeURIComponent(long('a').replace(/~[0-9a-z]+$/, ''))).not.toThrow();
    // Other families: MAX_MEMBER_CHARS, with the same hash.
    expect(member('cu', 'n'.repeat(300) + 'a')).not.toBe(member('cu', 'n'.repeat(300) + 'b'));
  });

  it('names the (other) of each family, keeping fixed fields, with room for every element cell', () => {
    expect(familyOf(member('m', '/a.ogg', 'audio', 'play'))).toEqual({ key: 'm:audio:play:', cap: MAX_FAMILY_MEMBERS });
    expect(otherOf('m:audio:play:')).toBe(`m:audio:play:${OTHER}`);
    expect(familyOf(elementMember('a#buy', 0.5, 0.5))!.cap).toBe(2000);
    expect(familyOf('12:34')).toBeUndefined(); // a tile
  });
});
