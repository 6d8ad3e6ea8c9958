import { normalizeSentUrl, type ClickEvent, type Event, type PageviewEvent } from '@heatlens/schema';
import { TOTAL, member } from './counters.js';
import type { FoldSite } from './fold-types.js';
import type { BucketIncrements, FoldIncrements } from './fold-increments.js';
import { COUNTER_SET, HEAT_SETS } from './set-names.js';
import { elementMember } from './tile-members.js';
import { languageOf, referrerSource, regionOf, screenOf, timeZoneOf } from './sources.js';

// How each family of events folds into increments (fold.ts dispatches by type). Scroll depth and
// engaged time carry state across a batch's events and stay in fold.ts and fold-engaged.ts.

const C = COUNTER_SET;
const CLICK = HEAT_SETS.click;

/**
 * A URL-like field as stored: the schema's `normalizeSentUrl` (bounded to `MAX_URL`, `data:` to its
 * media type, no `javascript:`) over what the SDK already stripped; empty when nothing is left
 * (unparsable, `javascript:`), so the event still counts without a URL.
 */
const url = (s: string | undefined) => (s && normalizeSentUrl(s)) || '';

/** A page view: counted, and under its source, language, time zone, region and screen class (sources.ts). */
export function foldPageview(
  inc: FoldIncrements,
  g: BucketIncrements,
  e: PageviewEvent,
  batchPath: string,
  site: FoldSite,
) {
  inc.add(g, C, TOTAL.views, 1);
  const ref = referrerSource(e.ref, batchPath, site.own, site.pageHost);
  if (ref !== undefined) inc.add(g, C, member('ref', ref), 1);
  const lang = languageOf(e.lang);
  if (lang) inc.add(g, C, member('lang', lang), 1);
  const tz = timeZoneOf(e.tz);
  const region = tz && regionOf(tz);
  if (tz) inc.add(g, C, member('tz', tz), 1);
  if (region) inc.add(g, C, member('rg', region), 1);
  const screen = screenOf(e.sw, e.sh);
  if (screen) inc.add(g, C, member('scr', screen), 1);
}

/** A click: its tile, its element, and the click, rage and dead counters (per element too). */
export function foldClick(inc: FoldIncrements, g: BucketIncrements, e: ClickEvent) {
  inc.tile(g, CLICK, e);
  // Per element too, in the segment's click set, so per-element counts honour the width filter.
  if (e.sel) inc.add(g, CLICK, elementMember(e.sel, e.ex, e.ey), 1);
  inc.add(g, C, TOTAL.clicks, 1);
  if (e.sel) inc.add(g, C, member('sel', e.sel), 1);
  if (e.rage) inc.add(g, C, TOTAL.rage, 1);
  if (e.dead) inc.add(g, C, TOTAL.dead, 1);
  // Per element, for the rage and dead alert rules (alerts/figures.ts reads them).
  if (e.sel && e.rage) inc.add(g, C, member('rsel', e.sel), 1);
  if (e.sel && e.dead) inc.add(g, C, member('dsel', e.sel), 1);
}

/** Events that are one counter each (forms, media, downloads, images, outbound links, custom). */
type CounterEvent = Extract<Event, { type: 'form' | 'media' | 'download' | 'image_view' | 'outbound' | 'custom' }>;

/** The counter member of a one-counter event. */
function counterOf(e: CounterEvent): string {
  switch (e.type) {
    case 'form':
      return member(e.action === 'start' ? 'fs' : 'fx', e.form ?? '');
    case 'media':
      return member('m', url(e.src), e.kind, e.action);
    case 'download':
      return member('dl', url(e.url));
    case 'image_view':
      return member('img', url(e.src));
    case 'outbound':
      return member('out', url(e.url));
    case 'custom':
      return member('cu', e.name);
  }
}

/** A one-counter event: its member counted once. */
export function foldCounter(inc: FoldIncrements, g: BucketIncrements, e: CounterEvent) {
  inc.add(g, C, counterOf(e), 1);
}
