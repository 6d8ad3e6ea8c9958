import { MAX_MASKS } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { validateSites } from './config.js';
import { checkMasks } from './site-masks.js';

describe('site masks', () => {
  it('accepts a list of selectors', () => {
    expect(() => checkMasks(['.account-number', '[data-private] > td', '#ssn'], 'masks')).not.toThrow();
    expect(() => checkMasks([], 'masks')).not.toThrow();
  });

  it.each([
    ['.a', 'masks must be an array of at most 100 CSS selectors'],
    [Array(MAX_MASKS + 1).fill('.a'), 'masks must be an array of at most 100 CSS selectors'],
    [[''], 'masks[0] must be a CSS selector of 1 to 256 characters'],
    [['.a', '  '], 'masks[1] must be a CSS selector of 1 to 256 characters'],
    [['.a', 3], 'masks[1] must be a CSS selector of 1 to 256 characters'],
    [['x'.repeat(257)], 'masks[0] must be a CSS selector of 1 to 256 characters'],
    [['.a\n.b'], 'masks[0] must be a CSS selector of 1 to 256 characters'],
  ])('refuses %j with a TypeError naming the entry', (masks, message) => {
    expect(() => checkMasks(masks, 'masks')).toThrow(new TypeError(message));
  });

  it('are checked with the rest of the sites file', () => {
    const site = { id: 'shop', origins: ['*'], readToken: 'r'.repeat(20) };
    expect(validateSites([{ ...site, masks: ['.card'] }])[0]?.masks).toEqual(['.card']);
    expect(() => validateSites([{ ...site, masks: [''] }])).toThrow('sites[0].masks[0] must be a CSS selector');
  });
});
