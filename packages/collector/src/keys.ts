import type { WindowName } from '@heatlens/schema';

// Every key of one (site, path) shares the hash tag `{site|path}`, so each multi-key step runs on
// one Redis Cluster node; site-wide keys share `{site}`. Site ids cannot contain `|`, so no two
// (site, path) pairs share a prefix: one site can never reach another's keys.

/** Prefix of a page's keys. */
export const pageKey = (site: string, path: string) => `hl:{${site}|${path}}`;

/** Prefix of a site's keys (page ranking, events series). */
export const siteKey = (site: string) => `hl:{${site}}`;

/** A page window's rolling key for one set (`move`, `click`, `scroll`, `c` counters) and segment. */
export const rollKey = (page: string, win: WindowName, set: string, seg: string) => `${page}:${win}:${set}:${seg}:r`;
