import type { HeatDiff } from '@heatlens/schema';
import { ppLabel } from './capture-map.js';
import { h } from './dom.js';
import { formatCount } from './format.js';

/** Rows of the changed-elements table. */
const TOP_ELEMENTS = 10;

/**
 * The changed-elements table under a comparison: the elements whose share of clicks moved most, their
 * counts then and now and the change in percentage points.
 */
export function elementsTable(diff: HeatDiff): HTMLElement {
  const rows = diff.elements.slice(0, TOP_ELEMENTS);
  if (!rows.length) return h('p', { class: 'muted' }, 'No element changed its share of clicks.');
  return h(
    'table',
    { id: 'compare-table', class: 'compare-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Element'), h('th', {}, 'Then'), h('th', {}, 'Now'), h('th', {}, 'Change'))),
    h(
      'tbody',
      {},
      ...rows.map((e) =>
        h(
          'tr',
          { 'data-sel': e.sel },
          h('td', {}, h('code', {}, e.sel)),
          h('td', { class: 'num' }, formatCount(e.then)),
          h('td', { class: 'num' }, formatCount(e.now)),
          h('td', { class: `num ${e.pp > 0 ? 'rise' : 'fall'}` }, ppLabel(e.pp)),
        ),
      ),
    ),
  );
}
