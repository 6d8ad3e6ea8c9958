import { RETENTION_DAYS, windowKept } from '@heatlens/schema';
import { WINDOW_SPECS, type WindowSpec } from './windows.js';

/**
 * A site's history length: `retentionDays` of its sites entry (1..400, default 30:
 * `RETENTION_DAYS` of the schema). A site keeps the windows no longer than it (`windowKept`):
 * 5m, 1h and 24h always, 30d from 30 days, 90d from 90, 365d from 365. Every key of a level it
 * keeps carries a TTL of that level's window plus its slack (windows.ts); the levels it does not
 * keep are never written, and `store.dropUnkept` frees them when the retention is lowered.
 */
export type Retention = { retentionDays?: number };

/** The retention of a site entry, in days (the default when unset). */
export const retentionDaysOf = (site: Retention | undefined): number => site?.retentionDays ?? RETENTION_DAYS.default;

/** Look-up of a site's retention by id, as the stores take it; unknown sites get the default. */
export type RetentionOf = (site: string) => number;

/** The default look-up: every site keeps `RETENTION_DAYS.default` days. */
export const defaultRetention: RetentionOf = () => RETENTION_DAYS.default;

// Per distinct retention, its levels (a handful of values in practice, so cached for good).
const LEVELS = new Map<number, readonly WindowSpec[]>();

/** The window levels a site keeping `days` of history stores, shortest first. */
export function levelsFor(days: number): readonly WindowSpec[] {
  let levels = LEVELS.get(days);
  if (!levels) LEVELS.set(days, (levels = WINDOW_SPECS.filter((w) => windowKept(w.name, days))));
  return levels;
}

/** The longest window a site keeping `days` of history stores, in ms: older events are dropped. */
export const retentionMs = (days: number): number => levelsFor(days).at(-1)!.ms;

/** Check `retentionDays` of a sites entry; throws a TypeError naming the site and the field. */
export function checkRetentionDays(value: unknown, at: string, id: unknown): void {
  if (value === undefined) return;
  if (!(Number.isInteger(value) && (value as number) >= RETENTION_DAYS.min && (value as number) <= RETENTION_DAYS.max))
    throw new TypeError(
      `${at}.retentionDays (site "${String(id)}") must be an integer from ${RETENTION_DAYS.min} ` +
        `to ${RETENTION_DAYS.max} (days), got ${JSON.stringify(value)}`,
    );
}
