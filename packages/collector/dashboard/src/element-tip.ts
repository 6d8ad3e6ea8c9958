import type { CaptureElement } from './capture-api.js';
import { h } from './dom.js';
import { formatCount, formatWindow } from './format.js';

/** The hover card's figures: clicks in the view; rage and dead clicks when alerts counted them. */
export type TipFigures = {
  clicks: number;
  rage?: number | undefined;
  dead?: number | undefined;
  alertWindowMs?: number;
};

/**
 * The card shown while hovering an element of the capture: its name, selector, clicks, rage and
 * dead clicks. Every value is a text node (`h`): a name is page text and never becomes markup.
 */
export function renderTip(el: CaptureElement, f: TipFigures): HTMLElement[] {
  const alerts = f.rage !== undefined || f.dead !== undefined;
  return [
    h('div', { class: 'tip-name' }, el.name || '(no name)'),
    h('code', { class: 'tip-sel' }, el.sel),
    h('div', { 'data-tip': 'clicks' }, `${formatCount(f.clicks)} click${f.clicks === 1 ? '' : 's'}`),
    h(
      'div',
      { 'data-tip': 'rage-dead', class: 'muted' },
      alerts
        ? `${formatCount(f.rage ?? 0)} rage · ${formatCount(f.dead ?? 0)} dead clicks ` +
            `(alerts, ${formatWindow(f.alertWindowMs ?? 0)})`
        : 'no rage or dead clicks alerted',
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
