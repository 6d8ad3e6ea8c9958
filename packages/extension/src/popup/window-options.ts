import { RETENTION_DAYS, VIEW_WINDOWS, WINDOW_LABELS, WINDOWS, windowKept } from '@heatlens/schema/constants';

const DAY_MS = 86_400_000;

/**
 * The popup's window options for a site keeping `retentionDays` (from `/api/sites`; default 30):
 * windows past it stay listed but disabled, their label saying why (the collector answers them
 * 400). A chosen window past it falls back to the longest kept one. Returns the window shown.
 */
export function keepWindows(select: HTMLSelectElement, retentionDays: number | undefined): string {
  const days = retentionDays ?? RETENTION_DAYS.default;
  for (const option of select.options) {
    const w = option.value as (typeof VIEW_WINDOWS)[number];
    const ok = windowKept(w, days);
    option.disabled = !ok;
    option.textContent = ok ? WINDOW_LABELS[w] : `${WINDOW_LABELS[w]} (needs ${WINDOWS[w] / DAY_MS}-day retention)`;
    option.title = ok ? '' : `This site keeps ${days} days of history (retentionDays)`;
  }
  if (!windowKept(select.value as (typeof VIEW_WINDOWS)[number], days))
    select.value = [...VIEW_WINDOWS].reverse().find((w) => windowKept(w, days)) ?? '5m';
  return select.value;
}
