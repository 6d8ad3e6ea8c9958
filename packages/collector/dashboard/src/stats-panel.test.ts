// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SIGNUP_STATS } from './signup-stats.fixture.js';
import { renderStatsPanel } from './stats-panel.js';

const stats = SIGNUP_STATS;

/** The label of a headline figure, by its `data-stat` key. */
function labelOf(panel: HTMLElement, key: string): string | undefined {
  return panel.querySelector(`[data-stat="${key}"]`)?.previousElementSibling?.textContent ?? undefined;
}

describe('page panel labels', () => {
  // The pages table shows engaged time per visitor; the panel's figure is the page's total, and says so.
  it('labels engaged time as the total, not per visitor', () => {
    const panel = renderStatsPanel(stats);
    expect(panel.querySelector('[data-stat="engaged"]')?.textContent).toBe('1 min 30 s');
    expect(labelOf(panel, 'engaged')).toBe('Engaged time (total)');
  });
});
