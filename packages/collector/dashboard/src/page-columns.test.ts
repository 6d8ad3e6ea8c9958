import { describe, expect, it } from 'vitest';
import { formatShare } from './format.js';
import { COLUMNS } from './page-columns.js';
import { SIGNUP_STATS } from './signup-stats.fixture.js';

// The pages table's derived columns, from one page's numbers.

describe('pages table columns', () => {
  const stats = SIGNUP_STATS;
  const text = Object.fromEntries(COLUMNS.map((c) => [c.key, c.text(stats)]));

  it('derives abandonment, media totals, engaged time per visitor and custom totals', () => {
    expect(text).toMatchObject({
      visitors: '3',
      views: '4',
      clicks: '6',
      rage: '1',
      dead: '2',
      'form-starts': '4',
      'form-submits': '1',
      'media-plays': '3',
      'media-quartiles': '2 · 1 · 0 · 1',
      engaged: '30 s',
      custom: '5',
    });
    expect(text['form-abandon']).toBe(formatShare(0.75));
  });

  it('shows a dash for scroll when no session reported a depth', () => {
    expect([text.scroll, text.reach25, text.reach100]).toEqual(['–', '–', '–']);
  });
});

describe('column labels say what they count', () => {
  it('engaged time is labelled as an average per visitor, not a total', async () => {
    const { COLUMNS } = await import('./page-columns.js');
    const engaged = COLUMNS.find((c) => c.key === 'engaged')!;
    expect(engaged.label).toBe('Engaged / visitor');
    expect(engaged.title).toContain('average per visitor');
  });
});
