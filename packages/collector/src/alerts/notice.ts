import type { Alert } from '@heatlens/schema';
import { SITE_PAGE, type Check } from './evaluate.js';

/** The live window the rules read, in ms. */
export const LIVE_WINDOW_MS = 300_000;

const pct = (share: number) => `${Math.round(share * 100)} %`;
const where = (page: string) => (page === SITE_PAGE ? 'the whole site' : page);

/** The one-line description of a check, e.g. `rage clicks on #buy at /product/:id: 6 of 8 clicks (75 %)`. */
function describe(c: Pick<Check, 'rule' | 'page' | 'element' | 'figures'>): string {
  const f = c.figures;
  switch (c.rule) {
    case 'rage':
    case 'dead':
      return (
        `${c.rule} clicks on ${c.element} at ${c.page}: ${f.count ?? 0} of ${f.clicks ?? 0} clicks ` +
        `(${pct(f.share ?? 0)}) in the last 5 min`
      );
    case 'quiet':
      return `${where(c.page)} went quiet: ${f.events ?? 0} events in the last 5 min, usually ${f.usual ?? 0}`;
    case 'spike':
      return `traffic spike on ${c.page}: ${f.events ?? 0} events in the last 5 min, usually ${f.usual ?? 0}`;
  }
}

/**
 * A notice's body (the webhook's JSON and the dashboard's entry). `baseUrl` is the dashboard's
 * address; the link opens it on the page (`#site=..&path=..`, as the dashboard's view state reads).
 */
export function buildNotice(
  site: string,
  c: Pick<Check, 'id' | 'rule' | 'page' | 'element' | 'figures'>,
  state: Alert['state'],
  now: number,
  baseUrl: string,
): Alert {
  const view = new URLSearchParams({ site });
  if (c.page !== SITE_PAGE) view.set('path', c.page);
  const link = `${baseUrl.replace(/\/+$/, '')}/#${view.toString()}`;
  const head = state === 'firing' ? `[heatlens ${site}] ` : `[heatlens ${site}] Resolved: `;
  return {
    id: c.id,
    site,
    page: c.page,
    rule: c.rule,
    state,
    element: c.element,
    figures: c.figures,
    window: { ms: LIVE_WINDOW_MS, from: now - LIVE_WINDOW_MS, to: now },
    at: now,
    link,
    text: `${head}${describe(c)} ${link}`,
  };
}
