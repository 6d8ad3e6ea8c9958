import { boundKey } from './page-key.js';

/** What of a URL {@link normalizeUrl} keeps beyond its origin and path. Default: neither. */
export interface UrlOptions {
  /** Keep the query string (it often carries tokens and personal data). Default: false. */
  query?: boolean;
  /** Keep the fragment. Default: false. */
  hash?: boolean;
}

/** Longest URL `normalizeUrl` returns: the shortest URL field of the wire format (`src`). */
export const MAX_URL = 1024;

/**
 * The one normaliser of every URL-like field the SDK sends (download, outbound, media `src`,
 * image `src`, referrer), resolved against `base` (the page):
 * - `http(s):` and other hierarchical URLs: origin + path, plus query and fragment if opted in;
 * - `data:`: only the media type (`data:text/csv`): the rest is the content itself;
 * - `blob:` and `filesystem:`: only the scheme and origin (`blob:https://shop.example`), or with
 *   `name` (a download's file name) that name after it: the rest is a fresh id per object
 *   (undefined for an opaque origin);
 * - `javascript:`: undefined (script, not a place);
 * - any other scheme (`mailto:`, `tel:`): the scheme alone (the rest names a person).
 * Bounded to {@link MAX_URL} by `boundKey` (never a split escape; long distinct URLs stay
 * distinct). Undefined for empty or unparsable input, so an optional field is left out.
 */
export function normalizeUrl(url: string, base: string, o: UrlOptions = {}, name?: string | null): string | undefined {
  try {
    if (url) {
      const u = new URL(url, base);
      const p = u.protocol;
      const s =
        p == 'data:'
          ? p + /^[\w.+/-]{0,99}/.exec(u.pathname)![0].toLowerCase()
          : /^(blob|filesystem):$/.test(p)
            ? p + new URL(u.pathname).origin + (name ? '/' + encodeURIComponent(name) : '')
            : p == 'javascript:'
              ? ''
              : u.origin == 'null'
                ? p
                : u.origin + u.pathname + (o.query ? u.search : '') + (o.hash ? u.hash : '');
      return boundKey(s, MAX_URL) || undefined;
    }
  } catch {
    // unparsable: left out
  }
}

/**
 * The collector's pass over a URL-like field as an SDK sent it (the SDK strips content, ids and,
 * unless the site opted in, query and hash on the visitor's side, and cuts at `MAX_SENT_URL`):
 * {@link normalizeUrl} with query and hash kept as sent, and the file name a `blob:` or
 * `filesystem:` download sent after its origin kept as that name. Idempotent on `normalizeUrl`'s
 * own output, so SDKs that normalised in full are stored as before. Undefined for empty or
 * unparsable input.
 */
export function normalizeSentUrl(url: string): string | undefined {
  const name = /^(?:blob|filesystem):[^/]*\/\/[^/]*\/(.+)$/i.exec(url)?.[1];
  let decoded: string | undefined;
  try {
    decoded = name && decodeURIComponent(name);
  } catch {
    decoded = name;
  }
  const out = normalizeUrl(url, 'http://localhost/', { query: true, hash: true }, decoded);
  // A relative URL (a client other than the SDK, which sends absolute ones) stays relative: the
  // placeholder base is not a host anyone visited.
  return out && !/^[a-z][a-z0-9+.-]*:/i.test(url) && out.startsWith('http://localhost/')
    ? out.slice('http://localhost'.length)
    : out;
}
