import type { Alert, AlertList } from '@heatlens/schema/live';
import { h } from './dom.js';
import { alertElement, rememberAlerts } from './element-names.js';
import { formatClock } from './format.js';

const RECENT_SHOWN = 10;

/**
 * What a notice is about, in a few words: `rage clicks on Pay now` (the element's name when a
 * capture of its page knows it, else its selector), `quiet`, `traffic spike`.
 */
function what(a: Alert): string {
  if (a.rule === 'rage' || a.rule === 'dead') return `${a.rule} clicks on ${alertElement(a)}`;
  return a.rule === 'quiet' ? 'went quiet' : 'traffic spike';
}

/** The figures a notice carries, as `count 6 · clicks 7 · share 0.86`. */
const figures = (a: Alert) =>
  Object.entries(a.figures)
    .map(([k, v]) => `${k} ${v}`)
    .join(' · ');

function item(a: Alert, onOpen: (path: string) => void): HTMLElement {
  const page = a.page === '*' ? 'whole site' : a.page;
  // The page opens here, in this tab (the notice's `link` is for the webhook's readers).
  const open = h(
    'a',
    {
      href: `#site=${encodeURIComponent(a.site)}${a.page === '*' ? '' : `&path=${encodeURIComponent(a.page)}`}`,
      class: 'alert-page',
    },
    page,
  );
  if (a.page !== '*') open.addEventListener('click', (e) => (e.preventDefault(), onOpen(a.page)));
  return h(
    'li',
    { 'data-alert-id': a.id, 'data-rule': a.rule, 'data-state': a.state, class: `alert ${a.state}` },
    h('span', { class: 'alert-state' }, a.state === 'firing' ? 'Firing' : 'Resolved'),
    ' ',
    open,
    ': ',
    h('span', { class: 'alert-what', title: a.element ?? undefined }, what(a)),
    ' ',
    h('span', { class: 'muted' }, `${figures(a)} · ${formatClock(a.at)}`),
  );
}

/**
 * The Alerts card: a site's firing alerts and its recent notices, from the `alerts` field of the
 * live `pages` frames (the collector evaluates the rules; nothing polls). Hidden for a site
 * without alert rules. Hooks for tests: `#alerts-firing li[data-alert-id][data-state]`,
 * `#alerts-recent li`.
 */
export function createAlertsPanel(host: HTMLElement, onOpen: (path: string) => void) {
  const firing = h('ul', { id: 'alerts-firing', class: 'alerts' });
  const recent = h('ol', { id: 'alerts-recent', class: 'alerts' });
  const card = h(
    'section',
    { id: 'alerts', class: 'card', hidden: true },
    h('h2', {}, 'Alerts'),
    firing,
    h('h3', {}, 'Recent'),
    recent,
  );
  host.prepend(card);
  return {
    update(list: AlertList | undefined): void {
      card.hidden = !list;
      if (!list) return;
      rememberAlerts(list); // the page view's hover card shows an element's rage and dead clicks
      firing.replaceChildren(
        ...(list.firing.length
          ? list.firing.map((a) => item(a, onOpen))
          : [h('li', { class: 'muted' }, 'Nothing firing.')]),
      );
      recent.replaceChildren(...list.recent.slice(0, RECENT_SHOWN).map((a) => item(a, onOpen)));
    },
  };
}
