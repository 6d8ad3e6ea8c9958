import { MAX_PATH, pageKey } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { OTHER_PAGE } from '../core/other-page.js';
import { readQuery } from './query.js';
import { HttpError } from './respond.js';

const read = (q: string) => readQuery(new URLSearchParams(q));
/** The 400 message readQuery throws for `q`. */
const refusal = (q: string) => {
  try {
    read(q);
  } catch (e) {
    if (e instanceof HttpError) return `${e.status} ${e.message}`;
    throw e;
  }
  throw new Error(`accepted: ${q}`);
};

describe('readQuery', () => {
  it('fills the defaults: the live window, moves, every segment, 50 rows, no path', () => {
    expect(read('')).toEqual({ window: '5m', kind: 'move', seg: 'all', path: null, limit: 50 });
  });

  it('reads every field it is given', () => {
    expect(read('window=24h&kind=scroll&seg=m&path=/cart&limit=500')).toEqual({
      window: '24h',
      kind: 'scroll',
      seg: 'm',
      path: '/cart',
      limit: 500,
    });
  });

  it('refuses each bad field with a 400 naming it and what it may be', () => {
    expect(refusal('window=2h')).toBe('400 window: one of 5m, 1h, 24h, 30d, 90d, 365d');
    expect(refusal('window=__proto__')).toBe('400 window: one of 5m, 1h, 24h, 30d, 90d, 365d');
    expect(refusal('kind=hover')).toBe('400 kind: one of move, click, scroll');
    expect(refusal('seg=xl')).toBe('400 seg: one of all, s, m, l');
    expect(refusal('path=cart')).toBe('400 path: must start with /');
    for (const limit of ['0', '501', '1.5', 'ten', ''])
      expect(refusal(`limit=${limit}`)).toBe('400 limit: an integer from 1 to 500');
  });

  it('asks for a long path under the key it was recorded with, and for (other) as it is', () => {
    const long = `/${'a'.repeat(MAX_PATH * 2)}`;
    expect(read(`path=${long}`).path).toBe(pageKey(long));
    expect(read(`path=${encodeURIComponent(OTHER_PAGE)}`).path).toBe(OTHER_PAGE);
  });
});
