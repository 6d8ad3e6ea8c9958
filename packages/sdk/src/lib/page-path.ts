import { pageKey } from '@heatlens/schema/page-key';

/** What of the URL a page's path keeps. */
export interface PathOptions {
  /** Keep the query string. Default: false (it often carries personal data). */
  query?: boolean;
  /** Keep the hash. Default: false. */
  hash?: boolean;
}

/**
 * The path of `href` (default: the current page) as reported to the collector: the pathname, plus
 * query and hash if enabled, as the schema's `pageKey` bounds it (the read API and the extension
 * ask for a page under the same key).
 */
export function pagePath(o: PathOptions = {}, href?: string): string {
  const l = href ? new URL(href) : location;
  return pageKey(l.pathname + (o.query ? l.search : '') + (o.hash ? l.hash : ''));
}
