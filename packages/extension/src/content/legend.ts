import { WINDOW_LABELS } from '@heatlens/schema/constants';
import type { SnapshotMessage } from '@heatlens/schema/live';
import type { OverlaySettings } from '../settings.js';
import { HEAT_STOPS } from './palette.js';
import { fixedTileCentre, inside, type Layout } from './project.js';

const KIND_LABELS = { move: 'Cursor moves', click: 'Clicks', scroll: 'Scroll reach' } as const;

/** The legend's text parts, pure so it can be tested without a DOM. */
export function legendText(snapshot: SnapshotMessage | null, settings: OverlaySettings): { title: string; total: string; scale: string } {
  const title = `${KIND_LABELS[settings.kind]} · ${WINDOW_LABELS[settings.window]} · ${settings.seg === 'all' ? 'all widths' : `width ${settings.seg}`}`;
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
  /** move the legend to a viewport corner */
  place(corner: LegendCorner): void;
} {
  const el = doc.createElement('div');
  el.id = 'heatlens-legend';
  const title = doc.createElement('div');
  // The path ends the count's line ("42 samples on /product/:id"): alone on a line it read as a heading.
  const path = doc.createElement('span');
  path.id = 'heatlens-path';
  const on = doc.createTextNode('');
  const line = doc.createElement('div');
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
    place(corner) {
      if (el.dataset.corner !== corner) el.dataset.corner = corner;
    },
  };
}

/** A viewport corner: bottom-right, bottom-left, top-right, top-left. */
export type LegendCorner = 'br' | 'bl' | 'tr' | 'tl';

/** Room the legend takes in its corner, CSS px, margin and a kernel's spill included. */
export const LEGEND_ROOM = { w: 240, h: 120 };

/**
 * The corner the legend may take without covering the fixed layer's heat (a sticky header's
 * buttons at the top, a chat button at the bottom right): the first of bottom-right,
 * bottom-left, top-right, top-left with no fixed tile in its `LEGEND_ROOM`; bottom-right when
 * every corner has one.
 */
export function legendCorner(map: Pick<SnapshotMessage, 'grid' | 'rowPx' | 'fixed'>, viewWidth: number, viewHeight: number): LegendCorner {
  const l = { viewWidth, viewHeight } as Layout;
  const points = (map.fixed ?? []).filter(([, , n]) => n > 0).map(([tx, ty]) => fixedTileCentre(tx, ty, map.grid, map.rowPx, l));
  const { w, h } = LEGEND_ROOM;
  const rooms: Record<LegendCorner, { x: number; y: number; w: number; h: number }> = {
    br: { x: viewWidth - w, y: viewHeight - h, w, h },
    bl: { x: 0, y: viewHeight - h, w, h },
    tr: { x: viewWidth - w, y: 0, w, h },
    tl: { x: 0, y: 0, w, h },
  };
  for (const corner of ['br', 'bl', 'tr', 'tl'] as const) if (!points.some((p) => inside(p, rooms[corner]))) return corner;
  return 'br';
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
`;
