import { describe, expect, it } from 'vitest';
import { readCost } from './read-cost.js';

const q = (s: string) => new URLSearchParams(s);

describe('readCost', () => {
  it('weighs a pages read by the pages it asks for, and map reads by their window', () => {
    expect(readCost('/api/pages', q('site=s&limit=500'))).toBe(21);
    expect(readCost('/api/pages', q('site=s'))).toBe(3);
    expect(readCost('/api/pages', q('limit=junk'))).toBe(1);
    expect(readCost('/api/heatmap', q('window=30d'))).toBe(8);
    expect(readCost('/api/stats', q(''))).toBe(1);
    expect(readCost('/api/sites', q(''))).toBe(1);
  });
});
