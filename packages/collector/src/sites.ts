import { createHash, timingSafeEqual } from 'node:crypto';
import { pageKey } from '@heatlens/schema';
import { parse } from 'regexparam';
import type { SiteConfig } from './config.js';

/** Sites in force, with the lookups every route needs. */
export type SiteRegistry = {
  list(): SiteConfig[];
  get(id: string): SiteConfig | undefined;
  /** Sites a read token may see (constant-time comparison). */
  readableBy(token: string | undefined): SiteConfig[];
  /** Whether a request Origin may write to a site; a site with `*` accepts any, or none. */
  originAllowed(site: SiteConfig, origin: string | undefined): boolean;
  /**
   * The page a path is stored under: the first matching route template, else the path without
   * query and hash as the schema's `pageKey` bounds it (SDKs send the pathname as it is, cut only at
   * `MAX_SENT_URL`; the read API asks under `pageKey` of the real path, and `pageKey` is idempotent).
   */
  routeOf(site: SiteConfig, path: string): string;
  /** Put other sites in force (rotated tokens, new origins or routes); lookups see them at once. */
  replace(next: SiteConfig[]): void;
};

const digest = (s: string) => createHash('sha256').update(s).digest();

export function createSiteRegistry(initial: SiteConfig[]): SiteRegistry {
  let sites = initial;
  let byId = new Map<string, SiteConfig>();
  let tokens: Array<{ site: SiteConfig; hash: Buffer }> = [];
  let routes = new Map<string, Array<{ template: string; pattern: RegExp }>>();
  const index = (next: SiteConfig[]) => {
    sites = next;
    byId = new Map(next.map((s) => [s.id, s]));
    tokens = next.map((s) => ({ site: s, hash: digest(s.readToken) }));
    routes = new Map(
      next.map((s) => [s.id, (s.routes ?? []).map((r) => ({ template: r, pattern: parse(r).pattern }))]),
    );
  };
  index(initial);
  return {
    replace: index,
    list: () => sites,
    get: (id) => byId.get(id),
    readableBy(token) {
      if (!token) return [];
      const h = digest(token);
      return tokens.filter((t) => timingSafeEqual(t.hash, h)).map((t) => t.site);
    },
    originAllowed(site, origin) {
      if (site.origins.includes('*')) return true;
      return origin !== undefined && site.origins.includes(origin);
    },
    routeOf(site, path) {
      const cut = path.search(/[?#]/);
      const clean = pageKey(cut >= 0 ? path.slice(0, cut) : path);
      for (const r of routes.get(site.id) ?? []) if (r.pattern.test(clean)) return r.template;
      return clean;
    },
  };
}
