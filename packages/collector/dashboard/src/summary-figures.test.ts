import type { PagesMessage, Stats } from '@heatlens/schema/live';
import { describe, expect, it } from 'vitest';
import { summaryFigures } from './summary-figures.js';

const page = (path: string, events: number) => ({ path, events }) as unknown as Stats;

/** A `pages` frame of the 1 h window at 12:00:00 whose live series (5 min of 5 s buckets) is empty. */
function hourFrame(series: Array<[number, number]>): PagesMessage {
  const to = Date.UTC(2026, 0, 1, 12);
  return {
    type: 'pages',
    site: 'demo',
    windowMs: 3_600_000,
    from: to - 3_600_000,
    to,
    bucketMs: 5_000,
    series,
    pages: [page('/', 80), page('/product/:id', 37)],
    sources: {} as PagesMessage['sources'],
  };
}

describe('summaryFigures', () => {
  it("counts the events of the chosen window (the table's 117 in the last hour), not the 5-minute series", () => {
    const f = summaryFigures(hourFrame([]));
    expect(f).toMatchObject({ pages: 2, events: 117, window: 'last hour' });
  });

  it('names the span of the rate and of the chart beside their numbers', () => {
    const to = Date.UTC(2026, 0, 1, 12);
    const series = Array.from({ length: 60 }, (_, i) => [to - (59 - i) * 5_000, i >= 58 ? 10 : 0] as [number, number]);
    const f = summaryFigures(hourFrame(series));
    expect(f.rateSpanMs).toBe(10_000);
    expect(f.rate).toBe(2); // 20 events in the last 10 s
    expect(f.chartWindow).toBe('last 5 minutes');
    expect(f.chartBucket).toBe('5 s');
  });
});
