import type { Alert } from '@heatlens/schema';
import { escapeMarkup, type NoticeFormat } from './escape-markup.js';
import { SITE_PAGE, type Check } from './evaluate.js';
import { MORE_ELEMENT } from './cap-checks.js';

/** The live window the rules read, in ms. */
export const LIVE_WINDOW_MS = 300_000;

const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The one-line description of a check, e.g. `rage clicks on #buy at /product/:id: 6 of 8 clicks (75 %)`.
 * The element and page are visitors' strings: escaped for the receiver's markup (`format`).
 */
function describe(raw: Pick<Check, 'rule' | 'page' | 'element' | 'figures'>, format: NoticeFormat): string {
  const c = { ...raw, page: escapeMarkup(raw.page, format), element: escapeMarkup(raw.element ?? '', format) };
  const where = raw.page === SITE_PAGE ? 'the whole site' : c.page;
  const f = c.figures;
  if (raw.element === MORE_ELEMENT) return `${f.count ?? 0} more ${c.rule} alerts on ${where} than are sent one by one`;
  switch (c.rule) {
    case 'rage':
    case 'dead':
      return (
        `${c.rule} clicks on ${c.element} at ${c.page}: ${f.count ?? 0} of ${f.clicks ?? 0} clicks ` +
        `(${pct(f.share ?? 0)}) in the last 5 min`
      );
    case 'quiet':
      return `${where} went quiet: ${f.events ?? 0} events in the last 5 min, usually ${f.usual ?? 0}`;
    case 'spike':
      return `traffic spike on ${c.page}: ${f.events ?? 0} events in the last 5 min, usually ${f.usual ?? 0}`;
  }
}

/**
 * A notice's body (the webhook's JSON and the dashboard's entry). `baseUrl` is the dashboard's
 * address; the link opens it on the page (`#site=..&path=..`, as the dashboard's view state reads).
 * `text` is for a chat receiver: the visitor-chosen strings in it are escaped for `format`
 * (escape-markup.ts); the structured fields (`page`, `element`) stay as they are.
 */
export function buildNotice(
  site: string,
  c: Pick<Check, 'id' | 'rule' | 'page' | 'element' | 'figures'>,
  state: Alert['state'],
  now: number,
  baseUrl: string,
  format: NoticeFormat = 'slack',
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
    text: `${head}${describe(c, format)} ${link}`,
  };
}
