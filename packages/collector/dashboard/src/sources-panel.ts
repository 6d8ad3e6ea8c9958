import type { Sources } from '@heatlens/schema/live';
import { h } from './dom.js';
import { formatCount, formatShare } from './format.js';

/** Values shown per list; the collector ranks up to 20. */
const SHOWN = 8;

/** The lists, in the order they are drawn, with their titles and what an empty one says. */
const LISTS: Array<{ key: keyof Sources; title: string; empty: string | ((s: Sources | undefined) => string) }> = [
  { key: 'referrers', title: 'Referrers', empty: 'No page views yet.' },
  // A region is a time zone's area; `UTC` and `Etc/*` name none (no GeoIP, no IP stored).
  {
    key: 'regions',
    title: 'Regions',
    empty: (s) =>
      s?.timeZones.length
        ? 'No region: the time zones reported (such as UTC) name none.'
        : 'No time zone reported yet.',
  },
  { key: 'languages', title: 'Languages', empty: 'No language reported yet.' },
  { key: 'timeZones', title: 'Time zones', empty: 'No time zone reported yet.' },
  { key: 'screens', title: 'Screens', empty: 'No screen size reported yet.' },
];

/** What a value stands for, where its code alone does not say. */
const LABELS: Record<string, string> = {
  '(direct)': 'Direct / none',
  '(internal)': 'Internal navigation',
  '(other)': 'Other (past the cap)',
};

/** Options of {@link renderSourcesPanel}. */
export type SourcesPanelOptions = {
  /** Page views in the window: the denominator of every share bar. */
  views: number;
  /**
   * Called with a referrer when the owner picks its row (the site overview filters its pages); none:
   * rows are plain.
   */
  onReferrer?: (referrer: string) => void;
  /** The referrer whose row is picked. */
  referrer?: string;
};

const SEGMENT_NAMES: Record<string, string> = { s: 'small', m: 'medium', l: 'large' };
/** `l 1920x1080` as `1920×1080 · large`. */
function screenLabel(value: string): string {
  const [seg = '', size = ''] = value.split(' ');
  return SEGMENT_NAMES[seg] ? `${size.replace('x', '×')} · ${SEGMENT_NAMES[seg]}` : value;
}

/** The filled part of a share bar, sized through the CSSOM: the dashboard's CSP refuses inline `style` attributes. */
function bar(share: number): HTMLElement {
  const el = h('span', {});
  el.style.width = `${(share * 100).toFixed(1)}%`;
  return el;
}

function list(
  key: keyof Sources,
  title: string,
  values: Array<[string, number]>,
  empty: string,
  o: SourcesPanelOptions,
): HTMLElement {
  const shown = values.slice(0, SHOWN);
  const pickable = key === 'referrers' && o.onReferrer !== undefined;
  return h(
    'section',
    { class: 'source-list', 'data-sources': key },
    h('h4', {}, title),
    shown.length
      ? h(
          'ol',
          {},
          ...shown.map(([value, views]) => {
            const share = o.views > 0 ? Math.min(1, views / o.views) : 0;
            const name = LABELS[value] ?? (key === 'screens' ? screenLabel(value) : value);
            const label = pickable
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'link name',
                    title: `Show the pages ${name} led to`,
                    onclick: () => o.onReferrer?.(value),
                  },
                  name,
                )
              : h('span', { class: 'name', title: value }, name);
            return h(
              'li',
              { 'data-value': value, class: pickable && o.referrer === value ? 'picked' : undefined },
              label,
              h('span', { class: 'value', 'data-views': views }, formatCount(views)),
              h('span', { class: 'share', title: `${formatShare(share)} of page views` }, bar(share)),
            );
          }),
        )
      : h('p', { class: 'muted' }, empty),
  );
}

/**
 * Where page views came from: referrers, regions, languages, time zones and screens, the top
 * values of each with a bar for their share of page views. Hooks for tests:
 * `[data-sources=<list>] li[data-value]` with `[data-views]`.
 */
export function renderSourcesPanel(s: Sources | undefined, o: SourcesPanelOptions): HTMLElement {
  return h(
    'div',
    { class: 'sources-panel' },
    // `sources` is absent from an older collector's frames.
    ...LISTS.map((l) => list(l.key, l.title, s?.[l.key] ?? [], typeof l.empty === 'string' ? l.empty : l.empty(s), o)),
  );
}

/** The pages of a `pages` frame that `referrer` led to (in their own top referrers); all without one. */
export function pagesFrom<T extends { sources?: Sources }>(pages: T[], referrer: string | undefined): T[] {
  if (!referrer) return pages;
  return pages.filter((p) => p.sources?.referrers.some(([r, n]) => r === referrer && n > 0));
}

/** The note above a filtered pages table, with a way back to every page. */
export function renderSourceFilter(el: HTMLElement, referrer: string | undefined, clear: () => void): void {
  el.hidden = !referrer;
  if (!referrer) return el.replaceChildren();
  el.replaceChildren(
    h('span', {}, 'Pages reached from ', h('strong', { 'data-referrer': referrer }, LABELS[referrer] ?? referrer)),
    h('button', { type: 'button', class: 'link', onclick: clear }, 'Show every page'),
  );
}
