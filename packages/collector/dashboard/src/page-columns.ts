import type { Stats } from '@heatlens/schema/live';
import { formatCount, formatDuration, formatShare } from './format.js';

/** One column of the pages table: `key` is the cell's `data-col`, `text` its human value. */
export type Column = { key: string; label: string; title: string; text: (s: Stats) => string };

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const count = (f: (s: Stats) => number) => (s: Stats) => formatCount(f(s));
/** Plays and quartiles of both media kinds together; the page view splits them by source. */
const media = (s: Stats, k: 'play' | 'p25' | 'p50' | 'p75' | 'complete') => s.media.video[k] + s.media.audio[k];

/** Columns of the live pages table, grouped as the header shows them. */
export const COLUMN_GROUPS: Array<{ label: string; columns: Column[] }> = [
  {
    label: 'Traffic',
    columns: [
      {
        key: 'visitors',
        label: 'Visitors',
        title: 'Unique visitor sessions in the window',
        text: count((s) => s.visitors),
      },
      { key: 'views', label: 'Views', title: 'Page views', text: count((s) => s.views) },
      { key: 'events', label: 'Events', title: 'Every accepted event', text: count((s) => s.events) },
    ],
  },
  {
    label: 'Clicks',
    columns: [
      { key: 'clicks', label: 'Clicks', title: 'Clicks and taps', text: count((s) => s.clicks) },
      {
        key: 'rage',
        label: 'Rage',
        title: 'Rage clicks: repeated fast clicks on one spot',
        text: count((s) => s.rage),
      },
      { key: 'dead', label: 'Dead', title: 'Dead clicks: nothing happened', text: count((s) => s.dead) },
    ],
  },
  {
    label: 'Scroll',
    columns: [
      {
        key: 'scroll',
        label: 'Median',
        title: 'Median of the deepest point each visitor reached',
        text: (s) => (s.scroll.sessions ? `${Math.round(s.scroll.median)} %` : '–'),
      },
      ...([25, 50, 75, 100] as const).map((p, i) => ({
        key: `reach${p}`,
        label: `${p} %`,
        title: `Share of visitors who saw ${p} % of the page`,
        text: (s: Stats) => (s.scroll.sessions ? formatShare(s.scroll.reach[i]) : '–'),
      })),
    ],
  },
  {
    label: 'Forms',
    columns: [
      { key: 'form-starts', label: 'Starts', title: 'Forms started', text: count((s) => s.forms.starts) },
      { key: 'form-submits', label: 'Submits', title: 'Forms submitted', text: count((s) => s.forms.submits) },
      {
        key: 'form-abandon',
        label: 'Abandon',
        title: 'Share of started forms not submitted',
        text: (s) => (s.forms.starts ? formatShare(Math.max(0, 1 - s.forms.submits / s.forms.starts)) : '–'),
      },
    ],
  },
  {
    label: 'Media',
    columns: [
      {
        key: 'media-plays',
        label: 'Plays',
        title: 'Video and audio plays',
        text: (s) => formatCount(media(s, 'play')),
      },
      {
        key: 'media-quartiles',
        label: '25/50/75/100',
        title: 'Plays that reached 25, 50, 75 % and the end',
        text: (s) => (['p25', 'p50', 'p75', 'complete'] as const).map((k) => formatCount(media(s, k))).join(' · '),
      },
    ],
  },
  {
    label: 'Other',
    columns: [
      { key: 'downloads', label: 'Downloads', title: 'File downloads', text: count((s) => s.downloads.total) },
      {
        key: 'images',
        label: 'Images',
        title: 'Images seen (half visible for a second)',
        text: count((s) => s.imageViews.total),
      },
      {
        key: 'outbound',
        label: 'Outbound',
        title: 'Clicks on links to other sites',
        text: count((s) => s.outbound.total),
      },
      {
        key: 'engaged',
        label: 'Engaged / visitor',
        title: 'Visible and focused time, on average per visitor (the page panel gives the total)',
        text: (s) => (s.visitors ? formatDuration(s.engagedMs / s.visitors) : '–'),
      },
      {
        key: 'custom',
        label: 'Custom',
        title: 'Custom events',
        text: (s) => formatCount(sum(s.custom.map((c) => Number(c.count ?? 0)))),
      },
    ],
  },
];

/** Every column, flat, in display order. */
export const COLUMNS: Column[] = COLUMN_GROUPS.flatMap((g) => g.columns);
