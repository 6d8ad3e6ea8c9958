// @vitest-environment happy-dom
import type { Sources } from '@heatlens/schema/live';
import { describe, expect, it } from 'vitest';
import { pagesFrom, renderSourcesPanel } from './sources-panel.js';

const none: Sources = { referrers: [], languages: [], timeZones: [], regions: [], screens: [] };
const emptyText = (el: HTMLElement, key: string) => el.querySelector(`[data-sources=${key}] p.muted`)?.textContent;

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
    const el = renderSourcesPanel({ ...none, regions: [['Europe', 2]], timeZones: [['Europe/Lisbon', 2]] }, { views: 4 });
    const row = el.querySelector('[data-sources=regions] li[data-value=Europe]');
    expect(row?.querySelector('[data-views]')?.getAttribute('data-views')).toBe('2');
    expect((row?.querySelector('.share span') as HTMLElement | null)?.style.width).toBe('50.0%');
  });
});

describe('pagesFrom', () => {
  it('keeps the pages a referrer led to, all pages without one', () => {
    const pages = [{ sources: { ...none, referrers: [['a.example', 1]] as [string, number][] } }, { sources: none }];
    expect(pagesFrom(pages, 'a.example')).toEqual([pages[0]]);
    expect(pagesFrom(pages, undefined)).toBe(pages);
  });
});
