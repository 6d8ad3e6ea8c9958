// @vitest-environment happy-dom
import type { Stats } from '@heatlens/schema/live';
import { describe, expect, it } from 'vitest';
import { renderStatsPanel } from './stats-panel.js';

const media = { play: 0, p25: 0, p50: 0, p75: 0, complete: 0 };
const stats: Stats = {
  site: 'demo',
  windowMs: 300_000,
  from: 0,
  to: 300_000,
  path: '/signup',
  events: 20,
  views: 4,
  visitors: 3,
  clicks: 6,
  rage: 1,
  dead: 2,
  selectors: [],
  scroll: { sessions: 0, median: 0, reach: [0, 0, 0, 0] },
  forms: { starts: 4, submits: 1, byForm: [] },
  media: { video: media, audio: media, bySrc: [] },
  downloads: { total: 0, top: [] },
  imageViews: { total: 0, top: [] },
  outbound: { total: 0, top: [] },
  engagedMs: 90_000,
  custom: [],
  sources: { referrers: [], languages: [], timeZones: [], regions: [], screens: [] },
};

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
