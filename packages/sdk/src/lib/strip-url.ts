/**
 * `origin + pathname` of a URL (relative to the page): query and hash can carry tokens and
 * personal data, so they never leave the browser. Empty for empty or unparsable input (an empty
 * string would otherwise resolve to the page itself).
 */
export function stripUrl(url: string): string {
  try {
    const u = new URL(url, location.href);
    return url && (u.origin + u.pathname).slice(0, 1024);
  } catch {
    return '';
  }
}
