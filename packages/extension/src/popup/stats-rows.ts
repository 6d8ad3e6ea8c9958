import type { Stats } from '@heatlens/schema/live';

const pct = (share: number): string => `${Math.round(share * 100)} %`;

/**
 * The popup's live numbers for a page, as label/value rows (pure, so it is tested without a DOM).
 * With the 5-minute window, "visitors" are the visitors on the page now.
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
  ];
}
