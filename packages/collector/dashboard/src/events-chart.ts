import type { PagesMessage } from '@heatlens/schema/live';
import uPlot from 'uplot';
import { formatRate } from './format.js';

/** A live events-per-second chart; `update` takes each `pages` frame, `close` removes it. */
export type EventsChart = { update(msg: PagesMessage): void; close(): void };

/**
 * Events per second over the window, from a frame's `series` (`[bucketStart, events]`, oldest
 * first) and `bucketMs`. uPlot redraws 300 points in well under a millisecond, so every frame
 * is drawn; the chart follows its container's width.
 */
export function createEventsChart(container: HTMLElement): EventsChart {
  const plot = new uPlot(
    {
      width: Math.max(300, container.clientWidth),
      height: 160,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [{}, { size: 50, values: (_u, ticks) => ticks.map((t) => formatRate(t)) }],
      series: [{}, { label: 'events/s', stroke: '#d9480f', fill: 'rgba(217, 72, 15, 0.15)', width: 2, points: { show: false } }],
    },
    [[], []],
    container,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, container.clientWidth), height: 160 }));
  resize.observe(container);
  return {
    update(msg) {
      const perSecond = msg.bucketMs > 0 ? 1000 / msg.bucketMs : 1;
      const xs = msg.series.map(([t]) => t / 1000); // uPlot's time scale is in seconds
      const ys = msg.series.map(([, n]) => n * perSecond);
      plot.setData([xs, ys]);
      container.dataset.total = String(msg.series.reduce((a, [, n]) => a + n, 0));
    },
    close() {
      resize.disconnect();
      plot.destroy();
    },
  };
}
