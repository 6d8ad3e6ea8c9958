import type { Stats } from '@heatlens/schema/live';

const pct = (share: number): string => `${Math.round(share * 100)} %`;

/** Referrers shown beside the live numbers. */
const TOP_REFERRERS = 3;

/**
 * The popup's live numbers for a page, as label/value rows (pure, so it is tested without a DOM).
 * With the 5-minute window, "visitors" are the visitors on the page now. The top referrers leave
 * out `(internal)`: navigation inside the site is not where visitors came from.
 */
export function statsRows(stats: Stats, window: string): Array<[label: string, value: string]> {
  const media = stats.media;
  const plays = media.video.play + media.audio.play;
  const completes = media.video.complete + media.audio.complete;
  const [r25, r50, r75, r100] = stats.scroll.reach;
  return [
    [window === '5m' ? 'Visitors now' : 'Visitors', String(stats.visitors)],
    ['Views', String(stats.views)],
    ['Clicks', String(stats.clicks)],
    ['Rage / dead clicks', `${stats.rage} / ${stats.dead}`],
    ['Scroll reach 25/50/75/100', [r25, r50, r75, r100].map((r) => pct(r)).join(' · ')],
    ['Form starts / submits', `${stats.forms.starts} / ${stats.forms.submits}`],
    ['Media plays / completes', `${plays} / ${completes}`],
    ['Downloads', String(stats.downloads.total)],
    ['Image views', String(stats.imageViews.total)],
    ['Top referrers', topReferrers(stats)],
  ];
}

function topReferrers(stats: Stats): string {
  // `sources` is absent from an older collector's frames.
  const top = (stats.sources?.referrers ?? []).filter(([ref]) => ref !== '(internal)').slice(0, TOP_REFERRERS);
  return top.length ? top.map(([ref, views]) => `${ref} ${views}`).join(' · ') : '—';
}
