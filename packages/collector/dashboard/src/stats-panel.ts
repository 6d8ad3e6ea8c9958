import type { MediaCounts, Stats } from '@heatlens/schema/live';
import { h } from './dom.js';
import { formatCount, formatDuration, formatShare, formatTail } from './format.js';

function stat(key: string, label: string, value: string): HTMLElement {
  return h('div', { class: 'stat' }, h('dt', {}, label), h('dd', { 'data-stat': key }, value));
}

/** A row of a top list: the value, its count, and optionally a human name shown instead (the value on hover). */
type Row = [value: string, count: string, name?: string];

function top(title: string, key: string, rows: Row[], empty: string): HTMLElement {
  return h(
    'section',
    { class: 'top-list', 'data-list': key },
    h('h4', {}, title),
    rows.length
      ? h(
          'ol',
          {},
          ...rows.map(([name, value, label]) =>
            h(
              'li',
              {},
              label
                ? h('span', { class: 'name', title: name, 'data-sel': name }, h('bdi', {}, formatTail(label)))
                : h('span', { class: 'name', title: name }, h('bdi', {}, formatTail(name))),
              h('span', { class: 'value' }, value),
            ),
          ),
        )
      : h('p', { class: 'muted' }, empty),
  );
}

/** Rows of a top list. The schema's `Top(key)` types entries loosely (a computed key), so read them by name. */
function rows(
  list: Array<Record<string, unknown>>,
  key: string,
  nameOf?: (value: string) => string | undefined,
): Row[] {
  return list.map((x) => {
    const value = String(x[key] ?? '');
    const name = nameOf?.(value);
    return name ? [value, formatCount(Number(x.count ?? 0)), name] : [value, formatCount(Number(x.count ?? 0))];
  });
}

/** Options of `renderStatsPanel`. */
export type StatsPanelOptions = {
  /** a human name for a clicked selector (a page capture's), shown instead of it; the selector stays in `title` */
  nameOf?: (sel: string) => string | undefined;
};

/** Plays, then how many reached 25, 50, 75 % and the end. */
const quartiles = (m: MediaCounts) =>
  m.play
    ? `${formatCount(m.play)} plays · ${[m.p25, m.p50, m.p75, m.complete].map(formatCount).join(' / ')}`
    : 'no plays';

/**
 * A page's numbers in full: the headline counts (each with a `data-stat` key), then the top
 * selectors (by name where a capture knows it), forms, media sources, downloads, images, outbound
 * links and custom events.
 */
export function renderStatsPanel(s: Stats, opts: StatsPanelOptions = {}): HTMLElement {
  const reach = s.scroll.sessions ? s.scroll.reach.map((r) => formatShare(r)).join(' / ') : '–';
  const headline = h(
    'dl',
    { class: 'stats' },
    stat('visitors', 'Visitors', formatCount(s.visitors)),
    stat('views', 'Views', formatCount(s.views)),
    stat('clicks', 'Clicks', formatCount(s.clicks)),
    stat('rage', 'Rage clicks', formatCount(s.rage)),
    stat('dead', 'Dead clicks', formatCount(s.dead)),
    stat('scroll', 'Median scroll', s.scroll.sessions ? `${Math.round(s.scroll.median)} %` : '–'),
    stat('reach', 'Reach 25/50/75/100 %', reach),
    stat('form-starts', 'Form starts', formatCount(s.forms.starts)),
    stat('form-submits', 'Form submits', formatCount(s.forms.submits)),
    stat('video', 'Video', quartiles(s.media.video)),
    stat('audio', 'Audio', quartiles(s.media.audio)),
    stat('downloads', 'Downloads', formatCount(s.downloads.total)),
    stat('images', 'Image views', formatCount(s.imageViews.total)),
    stat('outbound', 'Outbound clicks', formatCount(s.outbound.total)),
    stat('engaged', 'Engaged time (total)', formatDuration(s.engagedMs)),
    stat('events', 'Events', formatCount(s.events)),
  );
  const lists = h(
    'div',
    { class: 'top-lists' },
    top('Most clicked', 'selectors', rows(s.selectors, 'sel', opts.nameOf), 'No clicks yet.'),
    top(
      'Forms',
      'forms',
      s.forms.byForm.map((f) => [f.form, `${formatCount(f.starts)} started · ${formatCount(f.submits)} sent`]),
      'No form used yet.',
    ),
    top(
      'Media',
      'media',
      s.media.bySrc.map((m) => [m.src, `${m.kind}: ${quartiles(m.counts)}`]),
      'No media played yet.',
    ),
    top('Downloads', 'downloads', rows(s.downloads.top, 'url'), 'No downloads yet.'),
    top('Images seen', 'images', rows(s.imageViews.top, 'src'), 'No image seen yet.'),
    top('Outbound links', 'outbound', rows(s.outbound.top, 'url'), 'No outbound clicks yet.'),
    top('Custom events', 'custom', rows(s.custom, 'name'), 'No custom events yet: call heatlens.track(name).'),
  );
  return h('div', { class: 'stats-panel' }, headline, lists);
}
