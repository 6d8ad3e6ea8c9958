import type { PagesMessage } from '@heatlens/schema/live';
import uPlot from 'uplot';
import { formatRate } from './format.js';

const AXIS_FONT = '12px system-ui, sans-serif';
const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
let measure: CanvasRenderingContext2D | null | undefined;

/** Width in CSS px of a tick label in the axis font (a detached canvas measures it). */
function labelWidth(text: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return text.length * 7;
  measure.font = AXIS_FONT;
  return measure.measureText(text).width;
}

/**
 * The time axis: local clock times, with seconds only when ticks are under a minute apart, and
 * ticks at least as far apart as the widest label plus a gap, so "20:19" and "20:20" never run
 * into each other at any width (uPlot's default spacing is 50 px whatever the label).
 */
function timeAxis(onLabels: (ticks: number[], labels: string[]) => void): uPlot.Axis {
  return {
    font: AXIS_FONT,
    // uPlot's steps jump from 1 to 5 minutes: a phone-wide 5-minute chart then has one label. 2 min fills the gap.
    incrs: [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400],
    // Room for a minutes label; for a seconds label when that room would put ticks under a minute apart.
    space: (_u, _i, min, max, dim) => {
      const at = (max || min || Date.now() / 1000) * 1000;
      const room = labelWidth(minutes.format(at)) + 24;
      return dim > 0 && ((max - min) * room) / dim < 60 ? labelWidth(seconds.format(at)) + 24 : room;
    },
    values: (_u, ticks, _i, _space, incr) => {
      const labels = ticks.map((t) => (incr < 60 ? seconds : minutes).format(t * 1000));
      onLabels(ticks, labels);
      return labels;
    },
  };
}

/** A live events-per-second chart; `update` takes each `pages` frame, `close` removes it. */
export type EventsChart = { update(msg: PagesMessage): void; close(): void };

/**
 * Events per second over the window, from a frame's `series` (`[bucketStart, events]`, oldest
 * first) and `bucketMs`. uPlot redraws 300 points in well under a millisecond, so every frame
 * is drawn; the chart follows its container's width.
 */
export function createEventsChart(container: HTMLElement): EventsChart {
  let ticks: number[] = [];
  let labels: string[] = [];
  const plot = new uPlot(
    {
      width: Math.max(200, container.clientWidth),
      height: 160,
      legend: { show: false },
      // Room on the right for half of the last time label, which is centred on its tick.
      padding: [8, Math.ceil(labelWidth(seconds.format(Date.now())) / 2) + 4, 0, 0],
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [
        timeAxis((t, l) => ((ticks = t), (labels = l))),
        { size: 50, font: AXIS_FONT, values: (_u, ticks) => ticks.map((t) => formatRate(t)) },
      ],
      // What the time axis drew, for a reader (and a test) to check: each label and its span in px.
      hooks: {
        draw: [
          (u) => {
            const spans = labels.map((text, i) => {
              const x = u.over.offsetLeft + u.valToPos(ticks[i] ?? 0, 'x'); // from the chart's left edge, in CSS px
              const w = labelWidth(text);
              return { text, left: Math.round(x - w / 2), right: Math.round(x + w / 2) };
            });
            container.dataset.timeLabels = JSON.stringify(spans);
          },
        ],
      },
      series: [
        {},
        { label: 'events/s', stroke: '#d9480f', fill: 'rgba(217, 72, 15, 0.15)', width: 2, points: { show: false } },
      ],
    },
    [[], []],
    container,
  );
  const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, container.clientWidth), height: 160 }));
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
