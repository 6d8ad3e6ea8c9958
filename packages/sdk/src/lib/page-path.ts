import { cutUrl } from './cut-url.js';

/** What of the URL a page's path keeps. */
export interface PathOptions {
  /** Keep the query string. Default: false (it often carries personal data). */
  query?: boolean;
  /** Keep the hash. Default: false. */
  hash?: boolean;
}

/**
 * The path of `href` (default: the current page) as reported to the collector: the pathname, plus
 * query and hash if enabled, cut by `cutUrl`. The collector keys it by the schema's `pageKey`, as
 * the read API and the extension ask for a page.
 */
export function pagePath(o: PathOptions = {}, href?: string): string {
  const l = href ? new URL(href) : location;
  return cutUrl(l.pathname + (o.query ? l.search : '') + (o.hash ? l.hash : ''));
}
