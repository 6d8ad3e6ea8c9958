import type { Alert, AlertList } from '@heatlens/schema/live';
import type { CaptureElement } from './capture-api.js';

/**
 * What the dashboard knows of a page's elements beyond their selectors: the human names its
 * latest capture recorded, and the rage and dead clicks its alerts last counted. Shared by the
 * page view, "Most clicked" and the alerts card, which each see only part of it.
 */
const names = new Map<string, Map<string, string>>();
const alerted = new Map<string, { rage?: number; dead?: number; window: number }>();
const key = (site: string, page: string) => `${site}\n${page}`;

/**
 * Remember the element names a page's captures recorded (replacing what was known of it): the
 * capture shown first, then the page's other captures (other widths: a button only a phone's
 * layout renders is named by the 390 px capture); the first name found for a selector wins.
 */
export function rememberNames(
  site: string,
  page: string,
  elements: readonly CaptureElement[],
  others: readonly (readonly CaptureElement[])[] = [],
): void {
  const known = new Map<string, string>();
  for (const list of [elements, ...others])
    for (const e of list) if (e.name && !known.has(e.sel)) known.set(e.sel, e.name);
  names.set(key(site, page), known);
}

/** The human name a capture recorded for a selector on a page, if any. */
export function nameOf(site: string, page: string, sel: string | null | undefined): string | undefined {
  return sel ? names.get(key(site, page))?.get(sel) : undefined;
}

/** Remember the rage and dead counts of the alerts about elements (`figures.count`, over the alert's window). */
export function rememberAlerts(list: AlertList | undefined): void {
  for (const a of [...(list?.recent ?? []), ...(list?.firing ?? [])]) {
    if ((a.rule !== 'rage' && a.rule !== 'dead') || !a.element) continue;
    const k = `${key(a.site, a.page)}\n${a.element}`;
    const seen = alerted.get(k) ?? { window: a.window.ms };
    seen[a.rule] = a.figures.count ?? 0;
    alerted.set(k, seen);
  }
}

/** Rage and dead clicks on an element as its alerts last counted them (undefined: no alert said). */
export function alertedClicks(
  site: string,
  page: string,
  sel: string,
): { rage?: number; dead?: number; window: number } | undefined {
  return alerted.get(`${key(site, page)}\n${sel}`);
}

/** An alert's element named for people: the capture's name when known, else the selector. */
export function alertElement(a: Pick<Alert, 'site' | 'page' | 'element'>): string {
  return nameOf(a.site, a.page, a.element) ?? a.element ?? '?';
}
