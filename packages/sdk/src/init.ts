import type { Event } from '@heatlens/schema';
import { optedOut } from './lib/opted-out.js';
import { pagePath, type PathOptions } from './lib/page-path.js';
import { safe } from './lib/safe.js';
import type { Emit, Stop, TrackerOptions } from './lib/types.js';
import { createTransport, type Send, type Transport } from './transport.js';
import { trackClicks, type ClickOptions } from './trackers/clicks.js';
import { createTrack, type Track } from './trackers/custom.js';
import { trackDownloads, type DownloadOptions } from './trackers/downloads.js';
import { trackEngagement } from './trackers/engagement.js';
import { trackForms } from './trackers/forms.js';
import { trackImageViews, type ImageViewOptions } from './trackers/image-views.js';
import { trackMedia } from './trackers/media.js';
import { trackMoves, type MoveOptions } from './trackers/moves.js';
import { trackOutbound } from './trackers/outbound.js';
import { trackPageviews } from './trackers/pageviews.js';
import { trackScroll, type ScrollOptions } from './trackers/scroll.js';

const TRACKERS = {
  pageviews: trackPageviews,
  clicks: trackClicks,
  moves: trackMoves,
  scroll: trackScroll,
  forms: trackForms,
  media: trackMedia,
  downloads: trackDownloads,
  outbound: trackOutbound,
  imageViews: trackImageViews,
  engagement: trackEngagement,
} as const;

/** The trackers `init` starts, by name. */
export type TrackerName = keyof typeof TRACKERS;

/** Options of {@link init}. */
export interface InitOptions extends PathOptions {
  /** Public site id. */
  site: string;
  /** The collector's origin. Default: the page's origin. */
  endpoint?: string;
  /** Relaxed flush interval. Default: 5000 ms. */
  flushMs?: number;
  /** Paths never tracked; `*` matches anything (`/admin/*`). Default: none. */
  exclude?: string[];
  /** Track nothing until `consent(true)`. Default: false. */
  requireConsent?: boolean;
  /** Per tracker: `false` to leave it off, or its options. Default: every tracker on, with its defaults. */
  trackers?: { [K in TrackerName]?: false | Omit<ClickOptions & MoveOptions & ScrollOptions & DownloadOptions & ImageViewOptions, 'signal'> };
  /** Sends batches; for tests. Default: `fetch`. */
  send?: Send;
}

/** What `init` returns. */
export interface Heatlens<N extends string = string> {
  /** Sends a custom event. */
  track: Track<N>;
  /** Grants (starts tracking) or withdraws consent (stops every tracker and drops the queue). */
  consent(granted: boolean): void;
  /** Sends what is queued now. */
  flush(): void;
  /** Stops every tracker and the transport. */
  stop: Stop;
}

const glob = (p: string) => new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');

/**
 * Starts every tracker with one transport: `init({site: 'my-site', endpoint: 'https://stats.example'})`.
 * `init<'signup' | 'upgrade'>(...)` types `track`'s names. Sends nothing under Do Not Track, Global Privacy Control or the opt-out flag. Never throws.
 */
export function init<N extends string = string>(o: InitOptions): Heatlens<N> {
  let c: AbortController | undefined;
  let t: Transport | undefined;
  const exclude = (o.exclude || []).map(glob);
  const emit: Emit = (e: Event) => t && !exclude.some((r) => r.test(location.pathname)) && t.push(e);
  const start = () => {
    if (c || safe(optedOut, true)) return;
    c = new AbortController();
    t = safe(() => createTransport({ endpoint: o.endpoint || location.origin, site: o.site, flushMs: o.flushMs, send: o.send, path: () => pagePath(o) }), undefined);
    for (const [name, track] of Object.entries(TRACKERS)) {
      const opts = o.trackers?.[name as TrackerName];
      if (opts !== false) safe(() => (track as (e: Emit, o: TrackerOptions) => Stop)(emit, { ...o, ...opts, signal: c!.signal }), undefined);
    }
  };
  const stop = (clear?: boolean) => {
    c?.abort();
    if (clear) t?.clear();
    t?.close();
    c = t = undefined;
  };
  if (!o.requireConsent) start();
  return {
    track: createTrack<N>(emit),
    consent: (granted) => (granted ? start() : stop(true)),
    flush: () => t?.flush(),
    stop: () => stop(),
  };
}
