import type { Page } from 'playwright-core';

/**
 * Collect what Chromium refuses under a page's Content-Security-Policy (its console reports each
 * blocked script, style, connection or frame); the returned array fills as the page runs.
 */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}
