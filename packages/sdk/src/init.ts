import type { Event } from '@heatlens/schema';
import { optedOut } from './lib/opted-out.js';
import { pagePath, type PathOptions } from './lib/page-path.js';
import { safe } from './lib/safe.js';
import type { Emit, Stop, TrackerOptions } from './lib/types.js';
import { createTransport, type Send, type Transport } from './transport.js';
import { trackClicks } from './trackers/clicks.js';
import { deadClicks, type DeadOptions } from './trackers/dead-clicks.js';
import { rageClicks, type RageOptions } from './trackers/rage-clicks.js';
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

const TRACKERS = [
  trackPageviews,
  trackClicks,
  trackMoves,
  trackScroll,
  trackForms,
  trackMedia,
  trackDownloads,
  trackOutbound,
  trackImageViews,
  trackEngagement,
] as ((emit: Emit, o: TrackerOptions) => Stop)[];

/**
 * Options of {@link init}. Every tracker's own options (`hz`, `step`, `rageCount`, ...) are
 * accepted here too and reach the tracker they belong to. For a subset of trackers, start them
 * one by one with `createTransport` instead (see the README).
 */
export interface InitOptions
  extends
    PathOptions,
    RageOptions,
    DeadOptions,
    Omit<MoveOptions & ScrollOptions & DownloadOptions & ImageViewOptions, 'signal'> {
  /** Public site id. */
  site: string;
  /** The collector's origin. Default: the page's origin. */
  endpoint?: string;
  /** Relaxed flush interval. Default: 5000 ms. */
  flushMs?: number;
  /** Paths never tracked: exact, or a prefix ending in `*` (`/admin/*`). Default: none. */
  exclude?: string[];
  /** Track nothing until `consent(true)`. Default: false. */
  requireConsent?: boolean;
  /**
   * Selector of the element that scrolls the page in an app shell (`'#app'`), written to
   * `<html data-scroll-root>` where the overlay reads it too. Default: found (see `findScrollRoot`).
   */
  scrollRoot?: string;
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

/**
 * Starts every tracker with one transport: `init({site: 'my-site', endpoint: 'https://stats.example'})`;
 * `init<'signup' | 'upgrade'>(...)` types `track`'s names. Sends nothing under Do Not Track, Global
 * Privacy Control or the opt-out flag, nor from excluded paths. Never throws.
 */
export function init<N extends string = string>(o: InitOptions): Heatlens<N> {
  let c: AbortController | undefined;
  let t: Transport | undefined;
  const emit: Emit = (e: Event, href?: string) => {
    const p = location.pathname;
    o.exclude?.some((x) => (x.endsWith('*') ? p.startsWith(x.slice(0, -1)) : p == x)) || t?.push(e, href);
  };
  const start = () => {
    // start() always runs inside safe(): should the check throw, nothing starts.
    if (c || optedOut()) return;
    c = new AbortController();
    if (o.scrollRoot) document.documentElement.dataset.scrollRoot = o.scrollRoot;
    t = createTransport({ ...o, endpoint: o.endpoint || location.origin, path: (href) => pagePath(o, href) });
    const opts = { ...o, signal: c.signal, flags: [rageClicks(o), deadClicks(o)] };
    for (const track of TRACKERS) safe(() => track(emit, opts));
  };
  const stop = (clear?: unknown) => {
    c?.abort();
    if (clear) t?.clear();
    t?.close();
    c = t = undefined;
  };
  if (!o.requireConsent) safe(start);
  return {
    track: createTrack<N>(emit),
    consent: (granted) => safe(() => (granted ? start() : stop(true))),
    flush: () => t?.flush(),
    stop,
  };
}
