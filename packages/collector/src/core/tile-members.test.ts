import { ELEMENT_GRID } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { elementMember, fixedMember, parseTileMember, tileMember } from './tile-members.js';

describe('tile set members', () => {
  it('reads back every layer it writes', () => {
    expect(parseTileMember(tileMember(3, 166))).toEqual({ layer: 'page', tx: 3, ty: 166 });
    expect(parseTileMember(fixedMember(49, -1))).toEqual({ layer: 'fixed', tx: 49, ty: -1 });
    expect(parseTileMember(elementMember('button#buy', 0.25, 0.95))).toEqual({
      layer: 'element',
      sel: 'button#buy',
      cx: 2,
      cy: ELEMENT_GRID - 1,
    });
    expect(parseTileMember(elementMember('a', undefined, 0.5))).toEqual({
      layer: 'element',
      sel: 'a',
      cx: undefined,
      cy: undefined,
    });
  });

  it('keeps every colon of a selector', () => {
    const sel = 'li:nth-child(2) > a:hover >>> span';
    expect(elementMember(sel, 0, 0)).toBe(`e:0:${sel}`);
    expect(parseTileMember(elementMember(sel, 0, 0))).toMatchObject({ sel });
  });

  it('refuses what this layout never writes', () => {
    for (const m of [
      '',
      '3',
      '3:',
      ':4',
      '3:-1',
      '-1:4',
      'f:3',
      'f:x:1',
      'e:',
      'e:5:',
      `e:${ELEMENT_GRID * ELEMENT_GRID}:a`,
      'e:-1:a',
      '1e3:4',
      '3:4.5',
      '99999999999:1',
    ]) {
      expect(parseTileMember(m), m).toBeUndefined();
    }
  });
});
