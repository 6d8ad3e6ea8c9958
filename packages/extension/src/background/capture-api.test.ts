import { describe, expect, it } from 'vitest';
import { longestKept } from './capture-api.js';

describe('longestKept', () => {
  it('names the longest window a site keeps: 30 d by default, never one past its retention', () => {
    expect(longestKept(undefined)).toBe('30d');
    expect(longestKept(7)).toBe('24h');
    expect(longestKept(90)).toBe('90d');
    expect(longestKept(400)).toBe('365d');
  });
});
