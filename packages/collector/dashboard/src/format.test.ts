import { WINDOWS } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatCount,
  formatDuration,
  formatRate,
  formatShare,
  formatTail,
  formatWindow,
  scaleText,
} from './format.js';

// The dashboard's numbers for humans. Node's Intl follows the process locale; pin en-US data by
// comparing against Intl itself where the text is locale-dependent.

describe('dashboard formatting', () => {
  it('keeps small counts exact and compacts large ones', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(9_999)).toBe(new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(9_999));
    expect(formatCount(12_345)).toBe(
      new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(12_345),
    );
  });

  it('reads durations as people say them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(300_000)).toBe('5 min');
    expect(formatDuration(2 * 3_600_000 + 600_000)).toBe('2 h 10 min');
  });

  it('names the windows', () => {
    expect(formatWindow(300_000)).toBe('last 5 minutes');
    expect(formatWindow(3_600_000)).toBe('last hour');
    expect(formatWindow(86_400_000)).toBe('last 24 hours');
  });

  it('names every window of the schema, days past two days', () => {
    const names = Object.fromEntries(Object.entries(WINDOWS).map(([w, ms]) => [w, formatWindow(ms)]));
    expect(names).toEqual({
      '5m': 'last 5 minutes',
      '1h': 'last hour',
      '24h': 'last 24 hours',
      '30d': 'last 30 days',
      '90d': 'last 90 days',
      '365d': 'last 365 days',
    });
  });

  it('shows shares and rates, and a dash when there is no denominator', () => {
    expect(formatShare(undefined)).toBe('–');
    expect(formatShare(Number.NaN)).toBe('–');
    expect(formatShare(0.5)).toBe(new Intl.NumberFormat(undefined, { style: 'percent' }).format(0.5));
    expect(formatRate(2.25)).toBe(new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(2.25));
    expect(formatClock(0)).toBe(
      new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(0),
    );
  });
});

describe('long values', () => {
  it('keep the distinguishing end of URLs and selectors, so rows of a top list can be told apart', () => {
    const images = [1, 2, 3].map((n) => formatTail(`http://127.0.0.1:8091/img/products/winter/gallery-${n}.svg`));
    expect(new Set(images).size).toBe(3);
    expect(images[0]).toBe('/img/products/winter/gallery-1.svg');
    expect(formatTail('http://127.0.0.1:8091/img/products/winter-collection/gallery-1.svg')).toBe(
      '…roducts/winter-collection/gallery-1.svg',
    );
    expect(formatTail('https://cdn.example/media/x.webm?v=3')).toBe('cdn.example/media/x.webm?v=3');
    expect(formatTail('https://partner.example/materials/waxed-canvas')).toBe('partner.example/materials/waxed-canvas');
    // A path too long even without its origin keeps its file name.
    expect(formatTail(`https://cdn.example/${'deep/'.repeat(20)}catalogue.pdf`)).toMatch(/^….*\/catalogue\.pdf$/);
    const sel = formatTail('main#content>section.products>ul.grid>li.card:nth-of-type(12)>a[href="/product/12"]');
    expect(sel).toHaveLength(40);
    expect(sel.startsWith('…') && sel.endsWith('a[href="/product/12"]')).toBe(true);
  });

  it('leave short values and plain text whole', () => {
    expect(formatTail('#add-to-cart')).toBe('#add-to-cart');
    expect(formatTail('/files/catalogue.pdf')).toBe('/files/catalogue.pdf');
    expect(formatTail('add_to_cart')).toBe('add_to_cart');
  });
});

describe('scaleText', () => {
  it('says a scale of one sample a tile as such, not "1 → 1 per tile"', () => {
    expect(scaleText(1)).toBe('1 per tile');
    expect(scaleText(7)).toBe('1 → 7 per tile');
  });
});
