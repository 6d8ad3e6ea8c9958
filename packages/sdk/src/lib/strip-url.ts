import type { UrlOptions } from '@heatlens/schema/normalize-url';
import { cutUrl } from './cut-url.js';

/**
 * A URL the SDK sends (download, outbound, media and image `src`, referrer), resolved against the
 * page, with what must never leave the visitor's browser removed here: a `data:` URL keeps only
 * its media type, `blob:` and `filesystem:` only the scheme and origin (plus `name`, a download's
 * file name), `javascript:` is dropped, other non-hierarchical schemes (`mailto:`) keep only the
 * scheme, and query and hash go unless the site opts in. Cut by `cutUrl`; the collector applies
 * the schema's full `normalizeUrl` (bounds, case) before storing. Undefined for empty or
 * unparsable input, so an optional field is left out.
 */
export function stripUrl(url: string, o: UrlOptions = {}, name?: string | null): string | undefined {
  try {
    const u = new URL(url, location.href);
    const p = u.protocol;
    const b = /^(blob|filesystem):/.test(p) && new URL(u.pathname).origin;
    return url && p != 'javascript:'
      ? cutUrl(
          p == 'data:'
            ? p + /^[\w.+/-]{0,99}/.exec(u.pathname)
            : b
              ? p + b + (name ? '/' + encodeURIComponent(name) : '')
              : u.origin == 'null'
                ? p
                : u.origin + u.pathname + (o.query ? u.search : '') + (o.hash ? u.hash : ''),
        )
      : undefined;
  } catch {
    // unparsable: left out
  }
}
