import type { PagesMessage } from '@heatlens/schema/live';
import { formatDuration, formatWindow } from './format.js';

/** The dashboard's headline numbers, each with the span it counts. */
export type SummaryFigures = {
  /** pages with events in the chosen window (listed, at most the frame's limit) */
  pages: number;
  /** events on those pages in the chosen window: the sum of the table's Events column */
  events: number;
  /** the chosen window in words, e.g. "last hour" */
  window: string;
  /** events per second over `rateSpanMs` (the last 10 s, or one bucket if longer) */
  rate: number;
  rateSpanMs: number;
  /** the span the chart's series covers, in words (its buckets are `bucketMs` long) */
  chartWindow: string;
  chartBucket: string;
};

/**
 * The headline of a `pages` frame. The page and event counts come from the frame's pages, which
 * the collector counts in the chosen window (5 min, 1 h, 24 h...), so they agree with the table
 * below them; the rate and the chart come from the events series, whose own span (`series`,
 * `bucketMs`) is named beside them. Before, the events figure summed the series, which covers
 * the last 5 minutes whatever the window: "0 events in the last hour" above a table of 117.
 */
export function summaryFigures(msg: PagesMessage): SummaryFigures {
  const events = msg.pages.reduce((a, p) => a + p.events, 0);
  const rateSpanMs = Math.max(msg.bucketMs, 10_000);
  const recent = msg.series.filter(([t]) => t + msg.bucketMs > msg.to - rateSpanMs).reduce((a, [, n]) => a + n, 0);
  return {
    pages: msg.pages.length,
    events,
    window: formatWindow(msg.windowMs),
    rate: (recent * 1000) / rateSpanMs,
    rateSpanMs,
    chartWindow: formatWindow(Math.max(1, msg.series.length) * msg.bucketMs),
    chartBucket: formatDuration(msg.bucketMs),
  };
}
