import { describe, expect, it } from 'vitest';
import { elementLabel, reachLabel } from './map-labels.js';

describe('map labels', () => {
  it('says a reach line is a share of sessions, not a depth of the page', () => {
    expect(reachLabel(0.75)).toBe('75% of sessions reached here');
    expect(reachLabel(0.25)).toBe('25% of sessions reached here');
  });

  it("says an element's count is the element's, apart from the legend's tile scale", () => {
    expect(elementLabel(5)).toBe('element: 5 clicks');
    expect(elementLabel(1)).toBe('element: 1 click');
  });
});
