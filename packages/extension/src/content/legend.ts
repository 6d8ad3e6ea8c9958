import { WINDOW_LABELS } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import type { OverlaySettings } from '../settings.js';
import type { ElementBox, HeatPoint } from './heat-points.js';
import { HEAT_STOPS } from './palette.js';

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

/** A viewport corner: bottom-right, bottom-left, top-right, top-left. */
export type LegendCorner = 'br' | 'bl' | 'tr' | 'tl';

/** Where the legend goes: a corner, and whether in its compact form (one short line). */
export type LegendPlace = { corner: LegendCorner; compact: boolean };

/** Corners in the order they are preferred. */
const CORNERS: readonly LegendCorner[] = ['br', 'bl', 'tr', 'tl'];

/** Room the legend takes in its corner, CSS px, margin and a kernel's spill included. */
export const LEGEND_ROOM = { w: 240, h: 120 };

/** Room of the compact legend (one line), margin and a kernel's spill included. */
export const COMPACT_ROOM = { w: 190, h: 48 };

/** Heat under each corner's room (in `CORNERS` order), for the full and the compact legend. */
export type CornerHeat = { full: number[]; compact: number[] };

/**
 * The heat each corner's room would cover this frame, from what the frame already has (no layout
 * read): the kernel centres it draws (page heat, the fixed layer, element cells: a point's weight)
 * and each drawn element box with clicks, its count label above it included (its count: covering
 * a clicked element costs more than covering a tile of the same count).
 */
export function cornerHeat(
  points: readonly (readonly HeatPoint[])[],
  boxes: readonly ElementBox[],
  viewWidth: number,
  viewHeight: number,
): CornerHeat {
  const full = [0, 0, 0, 0];
  const compact = [0, 0, 0, 0];
  const add = (x0: number, y0: number, x1: number, y1: number, n: number) => {
    if (!(n > 0) || x1 < 0 || y1 < 0 || x0 > viewWidth || y0 > viewHeight) return;
    if (y0 > LEGEND_ROOM.h && y1 < viewHeight - LEGEND_ROOM.h) return; // most of the frame: in no room
    for (let c = 0; c < 4; c++) {
      const right = c % 2 === 0;
      const bottom = c < 2;
      if (
        (right ? x1 >= viewWidth - LEGEND_ROOM.w : x0 <= LEGEND_ROOM.w) &&
        (bottom ? y1 >= viewHeight - LEGEND_ROOM.h : y0 <= LEGEND_ROOM.h)
      )
        full[c]! += n;
      if (
        (right ? x1 >= viewWidth - COMPACT_ROOM.w : x0 <= COMPACT_ROOM.w) &&
        (bottom ? y1 >= viewHeight - COMPACT_ROOM.h : y0 <= COMPACT_ROOM.h)
      )
        compact[c]! += n;
    }
  };
  for (const list of points) for (const [x, y, n] of list) add(x, y, x, y, n);
  for (const b of boxes) if (!b.hidden) add(b.rect.x, b.rect.y - 20, b.rect.x + b.rect.w, b.rect.y + b.rect.h, b.count);
  return { full, compact };
}

/**
 * Where the legend goes this frame, given where it was (`last`; default bottom-right): it stays in
 * a corner where it covers no heat; else it moves to the first such corner (bottom-right,
 * bottom-left, top-right, top-left); when every corner covers heat it turns compact in the corner
 * covering least, and leaves a corner only for one covering less than half as much (hysteresis:
 * heat sliding past the corners while the page scrolls never bounces it between them each frame).
 */
export function placeLegend(heat: CornerHeat, last: LegendPlace = { corner: 'br', compact: false }): LegendPlace {
  const at = CORNERS.indexOf(last.corner);
  if (!(heat.full[at]! > 0)) return { corner: last.corner, compact: false };
  const free = heat.full.findIndex((n) => !(n > 0));
  if (free >= 0) return { corner: CORNERS[free]!, compact: false };
  let best = 0;
  for (let c = 1; c < 4; c++) if (heat.compact[c]! < heat.compact[best]!) best = c;
  return { corner: heat.compact[best]! < heat.compact[at]! / 2 ? CORNERS[best]! : last.corner, compact: true };
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
