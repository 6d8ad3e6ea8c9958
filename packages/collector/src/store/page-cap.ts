/**
 * Page admission: paths come from visitors, so without a bound a script posting random paths would
 * create keys (and Redis memory, and sweep work) without end. A site's **known pages** (written
 * within KNOWN_RECENT_MS) are admitted first and never compete with new paths; a **new** path takes
 * one of `maxPages` places per 5-minute bucket, past which it counts as `(other)`; the known pages
 * are at most `maxKnownPages`, the least recently written leaving first. So a burst of junk paths
 * cannot push a page that is being visited into `(other)`; a page idle for long may have to
 * compete for a new place again.
 */

import { OTHER_PAGE } from '../core/other-page.js';

/**
 * A site's page bounds: new pages per bucket (`maxPages`) and known pages (`maxKnownPages`). A
 * store takes them per site (`pageLimits`, from the sites file's `limits`) or one pair for all.
 */
export type PageLimits = { maxPages: number; maxKnownPages: number };

/** Re-exported for the store's callers: the admission rule and its result live together here. */
export { OTHER_PAGE };

/** New paths are counted per bucket of this length (the live window's length). */
export const PAGE_CAP_BUCKET_MS = 5 * 60_000;

/** New pages per site per bucket, unless the store is told otherwise. */
export const DEFAULT_MAX_PAGES = 1000;

/** Known pages per site at most, unless the store is told otherwise. */
export const DEFAULT_MAX_KNOWN_PAGES = 10_000;

/**
 * Share of a bucket's new-page places kept for paths that a second session comes back to: the
 * first `maxPages - reserve` new paths are admitted as they come; past them a new path is only
 * noted (with its session) and takes one of the reserved places when another session writes it.
 * 1,000 junk paths right after a bucket starts then fill only the first-come places, and a real
 * new page visited by two sessions is still counted as itself. At most 4 x maxPages notes.
 */
export const RESERVED_PAGE_SHARE = 0.2;

/** Reserved places of a page cap (RESERVED_PAGE_SHARE of `maxPages`, rounded down). */
export const reservedPlaces = (maxPages: number) => Math.floor(maxPages * RESERVED_PAGE_SHARE);

/** A known page written within this long is admitted without taking a new page's place. */
export const KNOWN_RECENT_MS = 24 * 3600_000;

/**
 * Pages admitted in the current bucket, per site. Admission only grows within a bucket, so the
 * Redis store uses this as a cache (an admitted page costs no round trip). Starts over when the
 * bucket changes: memory stays bounded by the cap.
 */
export function createAdmittedPages() {
  let bucket = -1;
  let bySite = new Map<string, Set<string>>();
  const at = (site: string, now: number) => {
    const b = now - (now % PAGE_CAP_BUCKET_MS);
    if (b !== bucket) {
      bucket = b;
      bySite = new Map();
    }
    let pages = bySite.get(site);
    if (!pages) bySite.set(site, (pages = new Set()));
    return pages;
  };
  return {
    /** The set of a site's admitted pages in `now`'s bucket (mutable: add what is admitted). */
    at,
    /** The bucket `now` falls in. */
    bucketOf: (now: number) => now - (now % PAGE_CAP_BUCKET_MS),
  };
}

/** Per site, a value of the current page-cap bucket, made anew when the bucket changes. */
function createBucketed<T>(make: () => T) {
  let bucket = -1;
  let bySite = new Map<string, T>();
  return {
    at(site: string, now: number): T {
      const b = now - (now % PAGE_CAP_BUCKET_MS);
      if (b !== bucket) {
        bucket = b;
        bySite = new Map();
      }
      let v = bySite.get(site);
      if (v === undefined) bySite.set(site, (v = make()));
      return v;
    },
  };
}

/**
 * The memory store's admission record: the same rule as the Redis script (lua/admit-page.ts).
 * `admit` returns the page to count under and marks it written at `now`; `sid` is the batch's
 * session (reserved places go to paths a second session writes).
 */
export function createPageAdmission(options: PageLimits & { of?: (site: string) => PageLimits | undefined }) {
  const fresh = createAdmittedPages();
  const reserved = createAdmittedPages();
  const candidates = createBucketed(() => new Map<string, string>());
  // Per site: page -> last write, in order of last write (a Map keeps insertion order).
  const known = new Map<string, Map<string, number>>();
  return {
    admit(site: string, page: string, now: number, sid = ''): string {
      const lim = options.of?.(site) ?? options;
      let pages = known.get(site);
      if (!pages) known.set(site, (pages = new Map<string, number>()));
      const seen = pages.get(page);
      const admitted = fresh.at(site, now);
      if (seen === undefined || seen < now - KNOWN_RECENT_MS) {
        if (!admitted.has(page)) {
          const reserve = reservedPlaces(lim.maxPages);
          const inReserve = reserved.at(site, now);
          if (admitted.size - inReserve.size < lim.maxPages - reserve) admitted.add(page);
          else {
            const notes = candidates.at(site, now);
            const first = notes.get(page);
            if (first === undefined || first === sid || inReserve.size >= reserve) {
              if (first === undefined && notes.size < 4 * lim.maxPages) notes.set(page, sid);
              return OTHER_PAGE;
            }
            notes.delete(page);
            admitted.add(page);
            inReserve.add(page);
          }
        }
        if (seen === undefined && pages.size >= lim.maxKnownPages) pages.delete(pages.keys().next().value!);
      }
      pages.delete(page);
      pages.set(page, now);
      return page;
    },
    /** A site's known pages, least recently written first. */
    known: (site: string) => [...(known.get(site)?.keys() ?? [])],
  };
}
