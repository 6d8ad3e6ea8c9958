import { describe, expect, it } from 'vitest';
import { KNOWN_RECENT_MS, OTHER_PAGE, PAGE_CAP_BUCKET_MS, createPageAdmission } from './page-cap.js';

const T0 = 1_750_000_000_000;

describe('page admission', () => {
  it('bounds the known pages, evicting the least recently written', () => {
    const a = createPageAdmission({ maxPages: 100, maxKnownPages: 3 });
    for (const p of ['/a', '/b', '/c']) a.admit('s', p, T0);
    a.admit('s', '/a', T0 + 1); // /a written again: /b is now the least recent
    a.admit('s', '/d', T0 + 2);
    expect(a.known('s')).toEqual(['/c', '/a', '/d']);
  });

  it('admits known pages first, and makes a long-idle page compete as new', () => {
    const a = createPageAdmission({ maxPages: 1, maxKnownPages: 10 });
    expect(a.admit('s', '/real', T0)).toBe('/real');
    const next = T0 + PAGE_CAP_BUCKET_MS;
    expect(a.admit('s', '/junk', next)).toBe('/junk');
    expect(a.admit('s', '/junk2', next)).toBe(OTHER_PAGE);
    expect(a.admit('s', '/real', next)).toBe('/real');
    const idle = next + KNOWN_RECENT_MS + 1;
    expect(a.admit('s', '/junk3', idle)).toBe('/junk3');
    expect(a.admit('s', '/real', idle)).toBe(OTHER_PAGE);
  });
});
