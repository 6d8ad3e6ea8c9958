import { describe, expect, it } from 'vitest';
import { ownWidthQuery, sameQuery } from './own-width.js';

const q = { site: 'demo', path: '/post', kind: 'click' as const, window: '5m', seg: 'all' as const };

describe('ownWidthQuery', () => {
  it("watches the viewer's width segment beside an all-widths move or click map", () => {
    expect(ownWidthQuery(q, 1280)).toEqual({ ...q, seg: 'l' });
    expect(ownWidthQuery({ ...q, kind: 'move' }, 390)).toEqual({ ...q, kind: 'move', seg: 's' });
    expect(ownWidthQuery(q, 900)?.seg).toBe('m');
  });

  it('needs none for one width, a scroll map, or an unknown width', () => {
    expect(ownWidthQuery({ ...q, seg: 'l' }, 1280)).toBeNull();
    expect(ownWidthQuery({ ...q, kind: 'scroll' }, 1280)).toBeNull();
    expect(ownWidthQuery(q, undefined)).toBeNull();
    expect(ownWidthQuery(q, 0)).toBeNull();
  });

  it('compares queries field by field', () => {
    expect(sameQuery(q, { ...q })).toBe(true);
    expect(sameQuery(q, { ...q, seg: 'l' })).toBe(false);
    expect(sameQuery(null, undefined)).toBe(true);
    expect(sameQuery(q, null)).toBe(false);
  });
});
