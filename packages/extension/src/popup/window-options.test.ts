import { VIEW_WINDOWS, WINDOW_LABELS } from '@heatlens/schema/constants';
import { describe, expect, it } from 'vitest';
import { keepWindows } from './window-options.js';

const picker = (value: string) => {
  const select = document.createElement('select');
  for (const w of VIEW_WINDOWS) {
    const o = document.createElement('option');
    o.value = w;
    o.textContent = WINDOW_LABELS[w];
    select.append(o);
  }
  select.value = value;
  return select;
};
const offered = (s: HTMLSelectElement) => [...s.options].filter((o) => !o.disabled).map((o) => o.value);

describe('keepWindows', () => {
  it('disables the windows past the site retention, saying why, and keeps the others', () => {
    const s = picker('1h');
    expect(keepWindows(s, undefined)).toBe('1h');
    expect(offered(s)).toEqual(['5m', '1h', '24h', '30d']);
    expect(s.options[4]!.textContent).toBe('90 d (needs 90-day retention)');
    expect(keepWindows(s, 400)).toBe('1h');
    expect(offered(s)).toEqual(['5m', '1h', '24h', '30d', '90d', '365d']);
    expect(s.options[5]!.textContent).toBe('365 d');
  });

  it('falls back to the longest kept window when the chosen one is past it', () => {
    expect(keepWindows(picker('365d'), 120)).toBe('90d');
    expect(keepWindows(picker('90d'), 30)).toBe('30d');
    expect(keepWindows(picker('30d'), 7)).toBe('24h');
  });

  it('offers 30 d, enabled, in order, to a site keeping the default 30 days', () => {
    const s = picker('30d');
    expect([...s.options].map((o) => o.value)).toEqual(['5m', '1h', '24h', '30d', '90d', '365d']);
    expect(keepWindows(s, 30)).toBe('30d');
    expect(s.options[3]!.disabled).toBe(false);
    expect(s.options[3]!.textContent).toBe('30 d');
  });
});
