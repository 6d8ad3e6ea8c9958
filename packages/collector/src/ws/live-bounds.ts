import type { LiveLimits } from '../config.js';
import type { Subscription } from './feeds.js';

/** A page feed's group key; site feeds count under their window. */
export const pageOf = (sub: Subscription): string =>
  sub.path !== undefined ? `${sub.site}|${sub.path}|${sub.window}` : `${sub.site}||${sub.window}`;

/**
 * The bounds of `config.liveLimits`: open sockets in the process and per read token, and pages
 * watched in the process and per read token. `refusal` says why a socket may not open now; `book`
 * takes its place and returns the function that gives it back (once, when the socket closes).
 */
export function createLiveBounds(
  lim: LiveLimits,
  /** a site's own bounds per read token (the sites file's `limits`), else `lim`'s */
  tokenLimits?: (site: string) => { liveSockets: number; watchedPages: number } | undefined,
) {
  const perToken = new Map<string, { sockets: number; pages: Map<string, number> }>();
  let open = 0;
  return {
    /**
     * Why a socket for `sub` by `token` may not open now (a message for the 429), or undefined when
     * it may. `watched`: the pages this process watches now, by `pageOf` key.
     */
    refusal(sub: Subscription, token: string, watched: ReadonlyMap<string, unknown>): string | undefined {
      const t = perToken.get(token);
      const page = pageOf(sub);
      if (open >= lim.sockets) return `live: this collector has ${lim.sockets} viewers open, retry later`;
      if (sub.path !== undefined && !watched.has(page) && watched.size >= lim.paths)
        return `live: this collector watches ${lim.paths} pages, retry later`;
      const own = tokenLimits?.(sub.site);
      const sockets = own?.liveSockets ?? lim.socketsPerToken;
      const paths = own?.watchedPages ?? lim.pathsPerToken;
      if (t && t.sockets >= sockets) return `live: ${sockets} sockets are open with this token`;
      if (t && !t.pages.has(page) && t.pages.size >= paths) return `live: ${paths} pages are watched with this token`;
      return undefined;
    },
    /** Count a socket for `sub` opened by `token`; call the answer when it closes. */
    book(sub: Subscription, token: string): () => void {
      const page = pageOf(sub);
      let t = perToken.get(token);
      if (!t) perToken.set(token, (t = { sockets: 0, pages: new Map() }));
      t.sockets++;
      t.pages.set(page, (t.pages.get(page) ?? 0) + 1);
      open++;
      const booked = t;
      return () => {
        open--;
        booked.sockets--;
        const left = booked.pages.get(page)! - 1;
        if (left) booked.pages.set(page, left);
        else booked.pages.delete(page);
        if (!booked.sockets) perToken.delete(token);
      };
    },
  };
}
