import { segmentOf } from '@heatlens/schema';

/*
 * Where a page view came from, as the values the collector counts (counters.ts families `ref`,
 * `lang`, `tz`, `rg`, `scr`). Every input is the visitor's own string: each function returns a
 * short canonical value or undefined (malformed: not counted), never throws.
 */

/** The referrer value of a page view with no referrer (typed URL, bookmark, app without one). */
export const DIRECT = '(direct)';
/** The referrer value of a page view reached from another page of the same site. */
export const INTERNAL = '(internal)';

/** Longest referrer host, language, zone or `utm_source` value counted; longer ones are dropped. */
const MAX_VALUE = 100;

/** `www.` folded: `www.google.com` and `google.com` are one referrer. */
const foldWww = (host: string) => (host.startsWith('www.') ? host.slice(4) : host);

/**
 * The hosts of a site's origins (`scheme://host[:port]`), `www.` folded: a referrer on one of
 * them is internal navigation. `*` (any origin) contributes nothing; the page's own origin is
 * added per request (see {@link referrerSource}).
 */
export function ownHosts(origins: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const o of origins) {
    const host = hostOf(o);
    if (host) hosts.add(host);
  }
  return hosts;
}

/** The `www.`-folded host (with port) of an http(s) origin or URL, or undefined. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? foldWww(u.host) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The referrer host of a referrer URL: `news.ycombinator.com` for `https://news.ycombinator.com/item`,
 * `www.` folded, port kept; other schemes as scheme and host (`android-app://com.google.android.gm`,
 * the referrer Android apps send, or the scheme alone, `android-app:`, when that is all that
 * arrived); undefined when it names no place or does not parse (`null/`, `about:blank`, garbage).
 */
export function referrerHost(ref: string): string | undefined {
  let u: URL;
  try {
    u = new URL(ref);
  } catch {
    return undefined;
  }
  const host = u.host.toLowerCase();
  const web = u.protocol === 'http:' || u.protocol === 'https:';
  if (host.length > MAX_VALUE || (!host && (web || NOT_PLACES.has(u.protocol)))) return undefined;
  if (web) return foldWww(host);
  // The scheme alone when the host is gone (the schema's normalizeUrl keeps only the scheme of a
  // URL with an opaque origin, so `android-app://x` arrives as `android-app:`).
  return host ? `${u.protocol}//${host}` : u.protocol;
}

/** Schemes that never name where a visitor came from. */
const NOT_PLACES = new Set(['about:', 'blob:', 'data:', 'file:', 'filesystem:', 'javascript:', 'mailto:', 'tel:']);

/**
 * The source of a page view: the page's `utm_source` when its path carries a query (the site
 * opted in to query parameters in the SDK), else the referrer's host, `(internal)` for the site's
 * own hosts (`own`, plus the writing page's origin `pageHost`), `(direct)` for none. Undefined
 * for a malformed referrer: it is not counted.
 */
export function referrerSource(
  ref: string | undefined,
  path: string,
  own: ReadonlySet<string>,
  pageHost?: string,
): string | undefined {
  const q = path.indexOf('?');
  if (q >= 0) {
    const utm = new URLSearchParams(path.slice(q + 1)).get('utm_source')?.trim().toLowerCase();
    if (utm && utm.length <= MAX_VALUE) return utm;
  }
  if (!ref) return DIRECT;
  const host = referrerHost(ref);
  if (host === undefined) return undefined;
  return own.has(host) || host === pageHost ? INTERNAL : host;
}

/** The primary language subtag, lower case (`pt` from `pt-BR`), or undefined when not a BCP 47 one. */
export function languageOf(lang: string | undefined): string | undefined {
  const primary = lang?.split(/[-_]/, 1)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** IANA areas a zone name starts with; `UTC` and `Etc/*` name no place and imply no region. */
export const REGIONS = [
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
] as const;
const regionSet = new Set<string>(REGIONS);

// Zone names seen, canonical or null (invalid): Intl checks a name in tens of microseconds, and
// visitors send a few hundred distinct ones. Cleared when full, so a flood of bad names stays bounded.
const zones = new Map<string, string | null>();
const MAX_ZONES_CACHED = 2000;

/**
 * The canonical IANA name of a time zone as this runtime's ICU knows it (`US/Eastern` ->
 * `America/New_York`; Chrome's `Asia/Calcutta` and Firefox's `Asia/Kolkata` -> one name), or
 * undefined when it is not a zone.
 */
export function timeZoneOf(tz: string | undefined): string | undefined {
  if (!tz || tz.length > 64 || !/^[A-Za-z][A-Za-z0-9_+/-]*$/.test(tz)) return undefined;
  let z = zones.get(tz);
  if (z === undefined) {
    try {
      z = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      z = null;
    }
    if (zones.size >= MAX_ZONES_CACHED) zones.clear();
    zones.set(tz, z);
  }
  return z ?? undefined;
}

/** The region a zone implies (`Europe` from `Europe/Lisbon`), no GeoIP; undefined for `UTC`, `Etc/*`. */
export function regionOf(zone: string): string | undefined {
  const area = zone.slice(0, zone.indexOf('/'));
  return regionSet.has(area) ? area : undefined;
}

/**
 * A screen's class: its width segment (`s` < 768 <= `m` < 1200 <= `l`, as for viewports) and
 * its size, e.g. `l 1920x1080`; undefined without a width. Sizes are whole CSS px.
 */
export function screenOf(sw: number | undefined, sh: number | undefined): string | undefined {
  if (!sw || !(sw > 0)) return undefined;
  const w = Math.round(sw);
  const h = sh && sh > 0 ? Math.round(sh) : 0;
  return `${segmentOf(w)} ${w}x${h}`;
}
