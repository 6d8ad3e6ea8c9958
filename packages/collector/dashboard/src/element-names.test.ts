import { describe, expect, it } from 'vitest';
import { nameOf, rememberNames } from './element-names.js';

describe('element names', () => {
  it("names an element from the page's other captures when the one shown does not know it", () => {
    // Under "All widths" the 1280 px capture is shown; the menu toggle only the 390 px layout
    // renders was named by the 390 px capture, and "Most clicked" showed its selector.
    const wide = [{ sel: 'a#about', name: 'About', box: [10, 10, 80, 20] as [number, number, number, number] }];
    const narrow = [
      { sel: 'a#about', name: 'About us', box: [5, 300, 60, 20] as [number, number, number, number] },
      {
        sel: 'button[aria-label="Toggle navigation"]',
        name: 'Toggle navigation',
        box: [300, 10, 40, 40] as [number, number, number, number],
      },
    ];
    rememberNames('shop', '/', wide, [wide, narrow]);
    expect(nameOf('shop', '/', 'button[aria-label="Toggle navigation"]')).toBe('Toggle navigation');
    expect(nameOf('shop', '/', 'a#about')).toBe('About'); // the capture shown says it first
    rememberNames('shop', '/', narrow);
    expect(nameOf('shop', '/', 'a#about')).toBe('About us'); // replaced, not merged with the old list
    expect(nameOf('shop', '/', 'p#none')).toBeUndefined();
  });
});
