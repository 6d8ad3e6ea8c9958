import type { PagesMessage, Stats } from '@heatlens/schema/live';
import { h } from './dom.js';
import { formatTail } from './format.js';
import { COLUMN_GROUPS, COLUMNS } from './page-columns.js';

/** Options of {@link renderPagesTable}. */
export type PagesTableOptions = {
  /** Path whose row is highlighted (the page view's). */
  selected?: string;
  /** Called with a row's path when the owner opens it. */
  onSelect: (path: string) => void;
  /** What to show when the window holds no page. */
  empty: Node;
};

function row(s: Stats, opts: PagesTableOptions): HTMLTableRowElement {
  const open = () => opts.onSelect(s.path);
  return h(
    'tr',
    { 'data-path': s.path, class: s.path === opts.selected ? 'selected' : undefined, onclick: open },
    h(
      'th',
      { scope: 'row', 'data-col': 'path' },
      h('button', { type: 'button', class: 'link', title: `Open ${s.path}` }, formatTail(s.path, 32)),
    ),
    ...COLUMNS.map((c) => h('td', { 'data-col': c.key, class: c.text(s) === '0' ? 'zero' : undefined }, c.text(s))),
  );
}

/**
 * Render a `pages` frame as a table of pages ranked by activity (the collector's order), one
 * column per number. Rebuilt whole per frame: a few dozen rows, a few frames a second. The table
 * is wider than a phone (and than 1280 px with a sidebar): its wrapper scrolls sideways and the
 * page column stays put (styles.css), and a long path shows its end, whole on hover.
 */
export function renderPagesTable(msg: PagesMessage, opts: PagesTableOptions): HTMLTableElement {
  const head = h(
    'thead',
    {},
    h(
      'tr',
      {},
      h('th', { rowspan: 2, scope: 'col' }, 'Page'),
      ...COLUMN_GROUPS.map((g) => h('th', { colspan: g.columns.length, scope: 'colgroup', class: 'group' }, g.label)),
    ),
    h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col', title: c.title }, c.label))),
  );
  const body = h('tbody', {});
  if (msg.pages.length === 0)
    body.append(h('tr', { class: 'empty' }, h('td', { colspan: COLUMNS.length + 1 }, opts.empty)));
  for (const s of msg.pages) body.append(row(s, opts));
  return h('table', { id: 'pages-table', class: 'pages' }, head, body);
}
