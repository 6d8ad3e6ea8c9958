/** What of the URL a page's path keeps. */
export interface PathOptions {
  /** Keep the query string. Default: false (it often carries personal data). */
  query?: boolean;
  /** Keep the hash. Default: false. */
  hash?: boolean;
}

/**
 * The path of `href` (default: the current page) as reported to the collector: the pathname, plus
 * query and hash if enabled.
 */
export function pagePath(o: PathOptions = {}, href?: string): string {
  const l = href ? new URL(href) : location;
  return (l.pathname + (o.query ? l.search : '') + (o.hash ? l.hash : '')).slice(0, 512) || '/';
}
