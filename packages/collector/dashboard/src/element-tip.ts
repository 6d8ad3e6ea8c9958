import type { CaptureElement } from './capture-api.js';
import { h } from './dom.js';
import { formatCount, formatWindow } from './format.js';

/**
 * The hover card's figures: clicks in the view; rage and dead clicks of the element in the view's
 * window (`stats.rageSelectors` / `deadSelectors`), or, from a collector that does not send those,
 * as its alerts last counted them (`alertWindowMs` says over which window).
 */
export type TipFigures = {
  clicks: number;
  rage?: number | undefined;
  dead?: number | undefined;
  alertWindowMs?: number;
};

type StatsLike = { stats: { rageSelectors?: SelCount[]; deadSelectors?: SelCount[] } };
type SelCount = { sel: string; count: number };

/** Figures for the card: per-element counts of the window when the frame has them, else the alerts'. */
export function tipFigures(
  frame: StatsLike | undefined,
  sel: string,
  clicks: number,
  alerted: { rage?: number; dead?: number; window: number } | undefined,
): TipFigures {
  const st = frame?.stats;
  if (st?.rageSelectors && st.deadSelectors) {
    const count = (list: SelCount[]) => list.find((x) => x.sel === sel)?.count ?? 0;
    return { clicks, rage: count(st.rageSelectors), dead: count(st.deadSelectors) };
  }
  return { clicks, rage: alerted?.rage, dead: alerted?.dead, alertWindowMs: alerted?.window ?? 0 };
}

/**
 * The card shown while hovering an element of the capture: its name, selector, clicks, rage and
 * dead clicks. Every value is a text node (`h`): a name is page text and never becomes markup.
 */
export function renderTip(el: CaptureElement, f: TipFigures): HTMLElement[] {
  const known = f.rage !== undefined || f.dead !== undefined;
  const counts = `${formatCount(f.rage ?? 0)} rage · ${formatCount(f.dead ?? 0)} dead clicks`;
  return [
    h('div', { class: 'tip-name' }, el.name || '(no name)'),
    h('code', { class: 'tip-sel' }, el.sel),
    h('div', { 'data-tip': 'clicks' }, `${formatCount(f.clicks)} click${f.clicks === 1 ? '' : 's'}`),
    h(
      'div',
      { 'data-tip': 'rage-dead', class: 'muted' },
      !known
        ? 'no rage or dead clicks alerted'
        : f.alertWindowMs !== undefined
          ? `${counts} (alerts, ${formatWindow(f.alertWindowMs)})`
          : counts,
    ),
  ];
}

/** Place the card (absolutely, in `host`) near a pointer, inside the host's box. */
export function placeTip(tip: HTMLElement, host: HTMLElement, clientX: number, clientY: number): void {
  const r = host.getBoundingClientRect();
  const x = Math.min(clientX - r.left + 14, Math.max(0, r.width - tip.offsetWidth));
  tip.style.left = `${Math.max(0, x)}px`;
  tip.style.top = `${clientY - r.top + 14}px`;
}
