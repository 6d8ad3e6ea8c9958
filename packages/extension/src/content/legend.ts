import { WINDOW_LABELS } from '@heatlens/schema/constants';
import { HEAT_STOPS } from '@heatlens/heat/palette';
import { widthsNote, type MixedSnapshot } from '@heatlens/heat/mix-widths';
import type { LegendPlace } from '@heatlens/heat/legend-place';
import type { OverlaySettings } from '../settings.js';

const KIND_LABELS = { move: 'Cursor moves', click: 'Clicks', scroll: 'Scroll reach' } as const;
/** The map's name in the compact legend, where room is one short line. */
const KIND_SHORT = { move: 'Moves', click: 'Clicks', scroll: 'Scroll' } as const;
/** What a move or click map's tile heat counts. */
const KIND_UNITS = { move: 'moves', click: 'clicks' } as const;

/**
 * The legend's text parts, pure so it can be tested without a DOM. `short` starts the compact
 * legend's one line (the map and the width, never cut; the path after it is cut first). The
 * scale says what a tile's heat counts (element labels count an element's clicks), and an empty
 * map says so instead of a scale. Under "All widths", `widths` says what share of the samples
 * came from other widths than the viewer's and where they are drawn (`widthsNote`); '' otherwise.
 */
export function legendText(
  snapshot: MixedSnapshot | null,
  settings: OverlaySettings,
): { title: string; total: string; scale: string; short: string; widths: string } {
  const segText = settings.seg === 'all' ? 'all widths' : `width ${settings.seg}`;
  const title = `${KIND_LABELS[settings.kind]} · ${WINDOW_LABELS[settings.window]} · ${segText}`;
  const head = `${KIND_SHORT[settings.kind]} · ${segText} · `;
  if (!snapshot) return { title, total: '…', scale: 'waiting for data', short: `${head}…`, widths: '' };
  const total = String(snapshot.total);
  const short = `${head}${total}`;
  const widths = widthsNote(snapshot.widths, snapshot.kind);
  if (snapshot.total === 0 || (snapshot.kind !== 'scroll' && snapshot.max === 0 && !widths)) {
    const scale = settings.seg === 'all' ? 'no samples in this window' : 'no samples at this width';
    return { title, total, scale, short, widths };
  }
  const scale =
    snapshot.kind === 'scroll'
      ? '0 % → 100 % of sessions'
      : snapshot.max === 0
        ? `no ${KIND_UNITS[snapshot.kind]} at width ${snapshot.widths?.seg ?? settings.seg}`
        : snapshot.max === 1
          ? // "1 → 1 clicks" read as a range of one: every tile holds the same single sample.
            `tile heat: 1 ${KIND_UNITS[snapshot.kind].slice(0, -1)} a tile`
          : `tile heat 1 → ${snapshot.max} ${KIND_UNITS[snapshot.kind]}`;
  return { title, total, scale, short, widths };
}

/**
 * The legend: a small box in the corner with the window, the sample count and the scale.
 * `update` rewrites only text nodes (no innerHTML: page data never becomes markup).
 */
export function createLegend(doc: Document): {
  el: HTMLElement;
  update(s: MixedSnapshot | null, o: OverlaySettings): void;
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
  // Under "All widths": the share of samples from other widths, and where they are drawn.
  const widths = doc.createElement('div');
  widths.className = 'widths';
  widths.id = 'heatlens-widths';
  widths.hidden = true;
  // The compact form's one line: the map and the width whole, then the path, cut first.
  const compact = doc.createElement('div');
  compact.className = 'compact';
  const head = doc.createElement('span');
  head.className = 'head';
  const shortPath = doc.createElement('span');
  shortPath.className = 'path';
  compact.append(head, shortPath);
  el.append(title, line, bar, scale, widths, compact);
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
      widths.textContent = t.widths;
      widths.hidden = !t.widths;
      head.textContent = t.short;
      shortPath.textContent = snapshot?.path ? ` ${snapshot.path}` : '';
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
#heatlens-legend .widths { color: #4b5563; max-width: 220px; }
#heatlens-legend .widths[hidden] { display: none; }
#heatlens-legend[data-compact] { min-width: 0; padding: 2px 6px; }
#heatlens-legend .compact { display: none; }
#heatlens-legend[data-compact] > :not(.compact) { display: none; }
#heatlens-legend[data-compact] > .compact { display: flex; white-space: pre; max-width: 176px; }
#heatlens-legend .compact > .head { flex: none; }
#heatlens-legend .compact > .path { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
`;
