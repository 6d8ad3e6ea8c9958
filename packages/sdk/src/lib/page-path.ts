/** What of the URL a page's path keeps. */
export interface PathOptions {
  /** Keep the query string. Default: false (it often carries personal data). */
  query?: boolean;
  /** Keep the hash. Default: false. */
  hash?: boolean;
}

/** The page's path as reported to the collector: `location.pathname`, plus query and hash if enabled. */
export function pagePath(o: PathOptions = {}): string {
  const l = location;
  return (l.pathname + (o.query ? l.search : '') + (o.hash ? l.hash : '')).slice(0, 512) || '/';
}
