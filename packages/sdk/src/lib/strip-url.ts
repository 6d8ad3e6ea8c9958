/**
 * `origin + pathname` of a URL (relative to the page): query and hash can carry tokens and
 * personal data, so they never leave the browser. Undefined for empty or unparsable input (an
 * empty string would otherwise resolve to the page itself), so an optional field is left out.
 */
export function stripUrl(url: string): string | undefined {
  try {
    if (url) {
      const u = new URL(url, location.href);
      return (u.origin + u.pathname).slice(0, 1024);
    }
  } catch {
    // unparsable: left out
  }
}
