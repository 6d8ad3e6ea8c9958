import { WINDOW_LABELS } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import { HEAT_STOPS } from '@heatlens/heat/palette';
import type { LegendPlace } from '@heatlens/heat/legend-place';
import type { OverlaySettings } from '../settings.js';

const KIND_LABELS = { move: 'Cursor moves', click: 'Clicks', scroll: 'Scroll reach' } as const;

/** The legend's text parts, pure so it can be tested without a DOM. */
export function legendText(
  snapshot: SnapshotMessage | null,
  settings: OverlaySettings,
): { title: string; total: string; scale: string } {
  const widths = settings.seg === 'all' ? 'all widths' : `width ${settings.seg}`;
  const title = `${KIND_LABELS[settings.kind]} · ${WINDOW_LABELS[settings.window]} · ${widths}`;
  if (!snapshot) return { title, total: '…', scale: 'waiting for data' };
  const total = String(snapshot.total);
  const scale = snapshot.kind === 'scroll' ? '0 % → 100 % of sessions' : `1 → ${snapshot.max} per tile`;
  return { title, total, scale };
}

/**
 * The legend: a small box in the corner with the window, the sample count and the scale.
 * `update` rewrites only text nodes (no innerHTML: page data never becomes markup).
 */
export function createLegend(doc: Document): {
  el: HTMLElement;
  update(s: SnapshotMessage | null, o: OverlaySettings): void;
  /** move the legend to a viewport corner, full or compact (writes only what changed) */
  place(p: LegendPlace): void;
} {
  const el = doc.createElement('div');
  el.id = 'heatlens-legend';
  const title = doc.createElement('div');
  // The path ends the count's line ("42 samples on /product/:id"): alone on a line it read as a heading.
  const path = doc.createElement('span');
  path.id = 'heatlens-path';
  const on = doc.createTextNode('');
  const line = doc.createElement('div');
  line.className = 'line';
  const total = doc.createElement('b');
  total.id = 'heatlens-total';
  const samples = doc.createTextNode(' samples');
  line.append(total, samples, on, path);
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.style.background = `linear-gradient(to right, ${HEAT_STOPS.map(([at, c]) => `${c} ${at * 100}%`).join(', ')})`;
  const scale = doc.createElement('div');
  scale.className = 'scale';
  el.append(title, line, bar, scale);
  return {
    el,
    update(snapshot, settings) {
      const t = legendText(snapshot, settings);
      title.textContent = t.title;
      // The collector answers for the route template (`/product/:id`): say which map this is.
      path.textContent = snapshot?.path ?? '';
      on.textContent = snapshot?.path ? ' on ' : '';
      total.textContent = t.total;
      samples.textContent = snapshot?.kind === 'scroll' ? ' sessions' : ' samples';
      scale.textContent = t.scale;
    },
    place({ corner, compact }) {
      if (el.dataset.corner !== corner) el.dataset.corner = corner;
      if (compact !== el.hasAttribute('data-compact')) el.toggleAttribute('data-compact', compact);
    },
  };
}

/** Styles of the overlay's shadow root: nothing leaks into the page, nothing from it leaks in. */
export const OVERLAY_CSS = `
:host { all: initial; }
canvas { position: fixed; inset: 0; width: 100vw; height: 100vh; pointer-events: none; }
#heatlens-canvas { image-rendering: auto; }
#heatlens-legend { position: fixed; right: 12px; bottom: 12px; pointer-events: none; min-width: 170px;
  font: 12px/1.4 system-ui, sans-serif; color: #111827; background: rgba(255,255,255,.92);
  border: 1px solid #d1d5db; border-radius: 6px; padding: 6px 8px; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
#heatlens-legend[data-corner="bl"] { right: auto; left: 12px; }
#heatlens-legend[data-corner="tr"] { bottom: auto; top: 12px; }
#heatlens-legend[data-corner="tl"] { bottom: auto; top: 12px; right: auto; left: 12px; }
#heatlens-legend .bar { height: 8px; border-radius: 4px; margin: 4px 0 2px; }
#heatlens-legend .scale { color: #4b5563; }
#heatlens-legend[data-compact] { min-width: 0; padding: 2px 6px; }
#heatlens-legend[data-compact] > :not(.line) { display: none; }
#heatlens-legend[data-compact] > .line { white-space: nowrap; max-width: 150px; overflow: hidden;
  text-overflow: ellipsis; }
`;
