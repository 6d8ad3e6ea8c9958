import { RETENTION_DAYS, VIEW_WINDOWS, WINDOW_LABELS, WINDOWS, windowKept } from '@heatlens/schema/constants';
import { h } from './dom.js';

const DAY_MS = 86_400_000;

/**
 * The dashboard's window picker: a radio per viewer window (`VIEW_WINDOWS`). Windows past the
 * chosen site's `retentionDays` (from `/api/sites`) are shown disabled with the reason, in their
 * title and beside the picker, since the collector answers them 400.
 */
export function createWindowPicker(el: HTMLElement, current: string, onChange: (window: string) => void) {
  const note = h('span', { class: 'windows-note' });
  const inputs = VIEW_WINDOWS.map((w) =>
    h('input', { type: 'radio', name: 'window', value: w, id: `window-${w}`, checked: w === current }),
  );
  el.replaceChildren(
    ...VIEW_WINDOWS.map((w, i) => h('label', { for: `window-${w}` }, inputs[i]!, ` ${WINDOW_LABELS[w]}`)),
    note,
  );
  for (const input of inputs) input.addEventListener('change', () => onChange(input.value));
  return {
    /**
     * Enable the windows a site keeping `days` of history keeps; returns the window to show:
     * `current`, or the longest kept one when `current` is past the retention.
     */
    forSite(days: number | undefined, current: string): string {
      const kept = days ?? RETENTION_DAYS.default;
      let pick = current;
      const off: string[] = [];
      VIEW_WINDOWS.forEach((w, i) => {
        const ok = windowKept(w, kept);
        const input = inputs[i]!;
        input.disabled = !ok;
        const label = input.parentElement!;
        label.classList.toggle('off', !ok);
        label.title = ok ? '' : `Needs ${WINDOWS[w] / DAY_MS} days of history; this site keeps ${kept} (retentionDays)`;
        if (!ok) off.push(WINDOW_LABELS[w]);
        if (!ok && w === current) pick = [...VIEW_WINDOWS].reverse().find((v) => windowKept(v, kept)) ?? '5m';
      });
      note.textContent = off.length ? `${off.join(', ')}: past this site's ${kept}-day retention` : '';
      for (const input of inputs) input.checked = input.value === pick;
      return pick;
    },
  };
}
