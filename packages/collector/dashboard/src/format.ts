// Human formatting, in the viewer's locale: counts are grouped or compacted (12.3k), shares are
// whole percents, durations read as "1 min 20 s", and times as local clock times.

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A count: exact below 10,000 (so small numbers can be checked by eye), compact above. */
export function formatCount(n: number): string {
  return Math.abs(n) < 10_000 ? whole.format(n) : compact.format(n);
}

/** A rate such as events per second: one decimal below 10. */
export function formatRate(n: number): string {
  return n < 10 ? oneDecimal.format(n) : formatCount(n);
}

/** A share 0..1 as a percent; `-` when there is no denominator. */
export function formatShare(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '–' : percent.format(share);
}

/** A duration in ms: "850 ms", "42 s", "3 min 5 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${whole.format(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const hours = Math.floor(m / 60);
  return m % 60 ? `${hours} h ${m % 60} min` : `${hours} h`;
}

/** A server timestamp as the viewer's local clock time. */
export function formatClock(ts: number): string {
  return clock.format(ts);
}

/** The window's name for people: "last 5 minutes", "last hour", "last 24 hours", "last 30 days". */
export function formatWindow(windowMs: number): string {
  // Past two days a window reads in whole days ("last 365 days", not "last 8760 hours").
  const days = windowMs / 86_400_000;
  if (days >= 2 && Number.isInteger(days)) return `last ${days} days`;
  return `last ${formatDuration(windowMs)
    .replace(/\bmin\b/, 'minutes')
    .replace(/^1 h$/, 'hour')
    .replace(/^(\d+) h$/, '$1 hours')}`;
}

/**
 * A long value shortened to its distinguishing end, at most `max` chars (default 40), with "…"
 * where text was cut; show the whole value in a `title`. Rows of a top list share their start
 * (`http://shop.example/img/…`, `main>section>…`), so the end is what tells them apart: a URL
 * keeps its path and file name (its scheme goes, then its host, query and hash when it is still
 * too long), a selector its last part.
 */
export function formatTail(value: string, max = 40): string {
  let v = value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    try {
      const u = new URL(v);
      // The host when it fits (an outbound link's host is what tells it apart), else the path.
      v =
        [u.host + u.pathname + u.search + u.hash, u.host + u.pathname, u.pathname + u.search + u.hash].find(
          (x) => x.length <= max,
        ) ?? u.pathname;
    } catch {
      // not a URL after all: shorten it as text
    }
  }
  return v.length <= max ? v : `…${v.slice(v.length - (max - 1))}`;
}

/** A move or click map's scale, counts per tile ("1 per tile" when every tile holds one, not "1 → 1"). */
export const scaleText = (max: number): string => (max > 1 ? `1 → ${max} per tile` : `${Math.max(0, max)} per tile`);
