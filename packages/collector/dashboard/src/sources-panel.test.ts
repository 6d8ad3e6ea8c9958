// @vitest-environment happy-dom
import type { Sources } from '@heatlens/schema/live';
import { describe, expect, it, vi } from 'vitest';
import { pagesFrom, renderSourceFilter, renderSourcesPanel } from './sources-panel.js';

const none: Sources = { referrers: [], languages: [], timeZones: [], regions: [], screens: [] };
const emptyText = (el: HTMLElement, key: string) => el.querySelector(`[data-sources=${key}] p.muted`)?.textContent;
const rows = (el: HTMLElement, list: string) =>
  [...el.querySelectorAll(`[data-sources="${list}"] li`)].map((li) => [
    li.querySelector('.name')?.textContent,
    li.querySelector('[data-views]')?.getAttribute('data-views'),
  ]);

describe('renderSourcesPanel', () => {
  it('says no time zone was reported only when none was', () => {
    expect(emptyText(renderSourcesPanel(none, { views: 0 }), 'regions')).toBe('No time zone reported yet.');
    expect(emptyText(renderSourcesPanel(undefined, { views: 0 }), 'regions')).toBe('No time zone reported yet.');
  });

  it('explains an empty Regions list when the only zones reported name no region (UTC, Etc/*)', () => {
    for (const zone of ['UTC', 'Etc/GMT+2']) {
      const el = renderSourcesPanel({ ...none, timeZones: [[zone, 3]] }, { views: 3 });
      expect(emptyText(el, 'regions')).toBe('No region: the time zones reported (such as UTC) name none.');
      expect(el.querySelector(`[data-sources=timeZones] li[data-value="${zone}"] [data-views]`)?.textContent).toBe('3');
    }
  });

  it('draws each value with its count and a share bar of page views', () => {
    const el = renderSourcesPanel(
      { ...none, regions: [['Europe', 2]], timeZones: [['Europe/Lisbon', 2]] },
      { views: 4 },
    );
    const row = el.querySelector('[data-sources=regions] li[data-value=Europe]');
    expect(row?.querySelector('[data-views]')?.getAttribute('data-views')).toBe('2');
    expect((row?.querySelector('.share span') as HTMLElement | null)?.style.width).toBe('50.0%');
  });

  it('caps a share bar at the whole bar, and draws none without page views', () => {
    const widths = (s: Sources, views: number) =>
      [...renderSourcesPanel(s, { views }).querySelectorAll<HTMLElement>('[data-sources="regions"] .share > span')].map(
        (b) => b.style.width,
      );
    expect(widths({ ...none, regions: [['Asia', 9]] }, 3)).toEqual(['100.0%']);
    expect(widths({ ...none, regions: [['Asia', 9]] }, 0)).toEqual(['0.0%']);
  });

  it('names the special values, labels screens, and shows at most 8 values per list', () => {
    const el = renderSourcesPanel(
      {
        ...none,
        referrers: [
          ['(direct)', 5],
          ['(other)', 1],
          ...Array.from({ length: 9 }, (_, i): [string, number] => [`r${i}.example`, 1]),
        ],
        screens: [
          ['l 1920x1080', 4],
          ['odd', 1],
        ],
      },
      { views: 10 },
    );
    expect(rows(el, 'referrers')).toHaveLength(8);
    expect(rows(el, 'referrers').slice(0, 2)).toEqual([
      ['Direct / none', '5'],
      ['Other (past the cap)', '1'],
    ]);
    expect(rows(el, 'screens')).toEqual([
      ['1920×1080 · large', '4'],
      ['odd', '1'],
    ]);
  });

  it('makes referrers pickable only with onReferrer, and marks the picked one', () => {
    const onReferrer = vi.fn();
    const el = renderSourcesPanel(
      {
        ...none,
        referrers: [
          ['t.co', 1],
          ['google.com', 2],
        ],
        languages: [['en', 1]],
      },
      { views: 3, onReferrer, referrer: 'google.com' },
    );
    el.querySelector<HTMLButtonElement>('li[data-value="t.co"] button')?.click();
    expect(onReferrer).toHaveBeenCalledWith('t.co');
    expect(el.querySelector('li.picked')?.getAttribute('data-value')).toBe('google.com');
    expect(el.querySelector('[data-sources="languages"] button')).toBeNull();
    expect(renderSourcesPanel({ ...none, referrers: [['t.co', 1]] }, { views: 1 }).querySelector('button')).toBeNull();
  });
});

describe('pagesFrom', () => {
  it('keeps the pages a referrer led to, all pages without one', () => {
    const pages = [{ sources: { ...none, referrers: [['a.example', 1]] as [string, number][] } }, { sources: none }];
    expect(pagesFrom(pages, 'a.example')).toEqual([pages[0]]);
    expect(pagesFrom(pages, undefined)).toBe(pages);
  });

  it('leaves out a page where the referrer counts 0, and one without sources (an older collector)', () => {
    const pages = [{ sources: { ...none, referrers: [['t.co', 0]] as [string, number][] } }, {}];
    expect(pagesFrom(pages, 't.co')).toEqual([]);
  });
});

describe('renderSourceFilter', () => {
  it('shows the filter note with a way back, and hides it without a referrer', () => {
    const el = document.createElement('div');
    const clear = vi.fn();
    renderSourceFilter(el, '(direct)', clear);
    expect([el.hidden, el.querySelector('[data-referrer]')?.textContent]).toEqual([false, 'Direct / none']);
    el.querySelector('button')?.click();
    expect(clear).toHaveBeenCalledOnce();
    renderSourceFilter(el, undefined, clear);
    expect([el.hidden, el.childElementCount]).toEqual([true, 0]);
  });
});
