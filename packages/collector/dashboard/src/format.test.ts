import { describe, expect, it } from 'vitest';
import { formatClock, formatCount, formatDuration, formatRate, formatShare, formatTail, formatWindow } from '../packages/collector/dashboard/src/format.js';
import { COLUMNS } from '../packages/collector/dashboard/src/page-columns.js';
import type { Stats } from '@heatlens/schema/live';

// The dashboard's numbers for humans. Node's Intl follows the process locale; pin en-US data by
// comparing against Intl itself where the text is locale-dependent.

describe('dashboard formatting', () => {
  it('keeps small counts exact and compacts large ones', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(9_999)).toBe(new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(9_999));
    expect(formatCount(12_345)).toBe(new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(12_345));
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

  it('shows shares and rates, and a dash when there is no denominator', () => {
    expect(formatShare(undefined)).toBe('–');
    expect(formatShare(Number.NaN)).toBe('–');
    expect(formatShare(0.5)).toBe(new Intl.NumberFormat(undefined, { style: 'percent' }).format(0.5));
    expect(formatRate(2.25)).toBe(new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(2.25));
    expect(formatClock(0)).toBe(new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(0));
  });
});

describe('pages table columns', () => {
  const media = { play: 0, p25: 0, p50: 0, p75: 0, complete: 0 };
  const stats: Stats = {
    site: 'demo', windowMs: 300_000, from: 0, to: 300_000, path: '/signup', events: 20, views: 4, visitors: 3,
    clicks: 6, rage: 1, dead: 2, selectors: [], scroll: { sessions: 0, median: 0, reach: [0, 0, 0, 0] },
    forms: { starts: 4, submits: 1, byForm: [] },
    media: { video: { ...media, play: 2, p25: 2, p50: 1 }, audio: { ...media, play: 1, complete: 1 }, bySrc: [] },
    downloads: { total: 1, top: [] }, imageViews: { total: 0, top: [] }, outbound: { total: 0, top: [] },
    engagedMs: 90_000, custom: [{ name: 'a', count: 2 }, { name: 'b', count: 3 }],
  };
  const text = Object.fromEntries(COLUMNS.map((c) => [c.key, c.text(stats)]));

  it('derives abandonment, media totals, engaged time per visitor and custom totals', () => {
    expect(text).toMatchObject({
      visitors: '3', views: '4', clicks: '6', rage: '1', dead: '2',
      'form-starts': '4', 'form-submits': '1',
      'media-plays': '3', 'media-quartiles': '2 · 1 · 0 · 1', engaged: '30 s', custom: '5',
    });
    expect(text['form-abandon']).toBe(formatShare(0.75));
  });

  it('shows a dash for scroll when no session reported a depth', () => {
    expect([text.scroll, text.reach25, text.reach100]).toEqual(['–', '–', '–']);
  });
});

describe('long values', () => {
  it('keep the distinguishing end of URLs and selectors, so rows of a top list can be told apart', () => {
    const images = [1, 2, 3].map((n) => formatTail(`http://127.0.0.1:8091/img/products/winter/gallery-${n}.svg`));
    expect(new Set(images).size).toBe(3);
    expect(images[0]).toBe('/img/products/winter/gallery-1.svg');
    expect(formatTail('http://127.0.0.1:8091/img/products/winter-collection/gallery-1.svg')).toBe('…roducts/winter-collection/gallery-1.svg');
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
