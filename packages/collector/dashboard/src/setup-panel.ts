import type { Setup } from '@heatlens/schema';
import type { ReadableSite } from '@heatlens/schema/live';
import { h } from './dom.js';
import { formatClock, formatCount } from './format.js';

/** How often the panel asks `/api/setup` again. */
const REFRESH_MS = 10_000;

/**
 * One site's setup in words: whether its pages' batches arrive, and for each reason the collector
 * refused some in the last hour, how many, the origins, fields or site ids concerned, and what to
 * do. Every number says its span ("in the last hour").
 */
export function renderSetupPanel(s: Setup, site: Pick<ReadableSite, 'id' | 'origins'>): HTMLElement {
  const items: HTMLElement[] = [];
  const n = (count: number) => `${formatCount(count)} batch${count === 1 ? '' : 'es'}`;
  const more = (other: number) => (other ? ` (and ${n(other)} from others)` : '');
  const { origin, unknown_site: unknown, invalid, rate_limited: limited } = s.refused;
  if (origin.count)
    items.push(
      h(
        'li',
        { 'data-reason': 'origin' },
        h('strong', {}, `${n(origin.count)} refused in the last hour: origin not allowed. `),
        `Sent from ${origin.top.map((t) => `${t.detail} (${formatCount(t.count)})`).join(', ')}${more(origin.other)}; `,
        `site "${site.id}" allows ${site.origins.join(', ') || 'no origin'}. `,
        h(
          'span',
          { class: 'todo' },
          'Add the origin to the site\u2019s "origins" in the sites file (HEATLENS_SITES) and restart or reload the ' +
            'collector, or open the site at an allowed origin (localhost and 127.0.0.1 are different origins).',
        ),
      ),
    );
  if (unknown.count)
    items.push(
      h(
        'li',
        { 'data-reason': 'unknown_site' },
        h('strong', {}, `${n(unknown.count)} refused in the last hour: unknown site id. `),
        `Pages sent ${unknown.top.map((t) => `"${t.detail}" (${formatCount(t.count)})`).join(', ')}`,
        `${more(unknown.other)}, `,
        'which no site has. ',
        h('span', { class: 'todo' }, `Set data-site="${site.id}" on the script tag (or site: '${site.id}' in init).`),
      ),
    );
  if (invalid.count)
    items.push(
      h(
        'li',
        { 'data-reason': 'invalid' },
        h('strong', {}, `${n(invalid.count)} refused in the last hour: invalid batch. `),
        `Fields: ${invalid.top.map((t) => `${t.detail} (${formatCount(t.count)})`).join(', ')}${more(invalid.other)}. `,
        h(
          'span',
          { class: 'todo' },
          'Serve the SDK from this collector (/sdk.js) or update @heatlens/sdk: batches that are not the ' +
            'SDK\u2019s own are refused.',
        ),
      ),
    );
  if (limited.count)
    items.push(
      h(
        'li',
        { 'data-reason': 'rate_limited' },
        h('strong', {}, `${n(limited.count)} refused in the last hour: rate limited. `),
        h(
          'span',
          { class: 'todo' },
          'A burst past the per-site limit: raise rateLimits.writesPerSite if it is real traffic.',
        ),
      ),
    );
  const last =
    s.lastAccepted === null
      ? h(
          'p',
          { 'data-setup': 'none' },
          `No batch accepted for "${site.id}" in the last 30 days. Add the script tag to your pages and open one.`,
        )
      : h('p', { 'data-setup': 'last' }, `Last batch accepted at ${formatClock(s.lastAccepted)}.`);
  return h(
    'div',
    { class: 'setup-panel', 'data-refused': s.refused.origin.count + unknown.count + invalid.count + limited.count },
    last,
    items.length ? h('ul', {}, ...items) : h('p', { class: 'muted' }, 'No batch refused in the last hour.'),
  );
}

/**
 * The setup panel in `container`: `show(site, token)` asks `GET /api/setup` now and every 10 s;
 * `close()` stops. A failed request says so in the panel.
 */
export function createSetupPanel(container: HTMLElement) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let current = 0;
  async function load(site: Pick<ReadableSite, 'id' | 'origins'>, token: string, run: number) {
    let body: Setup;
    try {
      const res = await fetch(`/api/setup?site=${encodeURIComponent(site.id)}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`the collector answered ${res.status}`);
      body = (await res.json()) as Setup;
    } catch (err) {
      if (run === current)
        container.replaceChildren(h('p', { class: 'error' }, `Setup unavailable: ${(err as Error).message}.`));
      return;
    }
    if (run === current) container.replaceChildren(renderSetupPanel(body, site));
  }
  return {
    show(site: Pick<ReadableSite, 'id' | 'origins'>, token: string) {
      clearInterval(timer);
      const run = ++current;
      void load(site, token, run);
      timer = setInterval(() => void load(site, token, run), REFRESH_MS);
    },
    close() {
      clearInterval(timer);
      current++;
    },
  };
}
