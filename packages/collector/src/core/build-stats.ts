import type { MediaCounts, Stats } from '@heatlens/schema';
import { addSources, rankSources } from './build-sources.js';
import { TOTAL, decode } from './counters.js';

/** What a store reads for a page's numbers over one window. */
export type RawStats = {
  from: number;
  to: number;
  windowMs: number;
  counters: Iterable<[string, number]>;
  visitors: number;
  /** sessions that reached at least each scroll band (index = band) */
  reach: number[];
};

const TOP = 20;
const emptyMedia = (): MediaCounts => ({ play: 0, p25: 0, p50: 0, p75: 0, complete: 0 });
const top = <K extends string>(map: Map<string, number>, key: K) =>
  [...map]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([k, count]) => ({ [key]: k, count }) as { [P in K]: string } & { count: number });
const bump = (map: Map<string, number>, k: string, n: number) => map.set(k, (map.get(k) ?? 0) + n);
const tallyMap = () => new Map<string, number>();

/** Assemble the `/api/stats` answer from a page's raw counters (member codes: counters.ts). */
export function buildStats(q: { site: string; page: string }, raw: RawStats): Stats {
  const total = new Map<string, number>();
  // The families counted per value (selector, URL, ...), each summed into its own map.
  const counted = {
    sel: tallyMap(),
    rsel: tallyMap(),
    dsel: tallyMap(),
    dl: tallyMap(),
    img: tallyMap(),
    out: tallyMap(),
    cu: tallyMap(),
  };
  const { sel, rsel, dsel, dl, img, out, cu } = counted;
  const forms = new Map<string, { form: string; starts: number; submits: number }>();
  const media = { video: emptyMedia(), audio: emptyMedia() };
  const bySrc = new Map<string, { src: string; kind: string; counts: MediaCounts }>();

  for (const [m, n] of raw.counters) {
    if (!(n > 0)) continue;
    const d = decode(m);
    if ('total' in d) {
      bump(total, d.total, n);
      continue;
    }
    const rest = d.value;
    if (Object.hasOwn(counted, d.family)) {
      bump(counted[d.family as keyof typeof counted], rest, n);
      continue;
    }
    switch (d.family) {
      case 'fs':
      case 'fx': {
        const f = forms.get(rest) ?? { form: rest, starts: 0, submits: 0 };
        if (d.family === 'fs') f.starts += n;
        else f.submits += n;
        forms.set(rest, f);
        break;
      }
      case 'm': {
        const [kind, action] = d.fixed;
        if ((kind !== 'video' && kind !== 'audio') || !action || !(action in media.video)) break;
        const a = action as keyof MediaCounts;
        media[kind][a] += n;
        const e = bySrc.get(`${kind}:${rest}`) ?? { src: rest, kind, counts: emptyMedia() };
        e.counts[a] += n;
        bySrc.set(`${kind}:${rest}`, e);
        break;
      }
    }
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const formList = [...forms.values()].sort((a, b) => b.starts + b.submits - (a.starts + a.submits)).slice(0, TOP);
  const sessions = raw.reach[0] ?? 0;
  const grid = raw.reach.length;
  const reachAt = (pct: number) => {
    if (!sessions) return 0;
    const band = Math.min(grid - 1, Math.floor((grid * pct) / 100) - (pct === 100 ? 1 : 0));
    return Math.min(1, (raw.reach[band] ?? 0) / sessions);
  };
  let medianBand = 0;
  for (let k = 0; k < grid; k++) if ((raw.reach[k] ?? 0) * 2 >= sessions && sessions > 0) medianBand = k;
  return {
    site: q.site,
    path: q.page,
    windowMs: raw.windowMs,
    from: raw.from,
    to: raw.to,
    events: total.get(TOTAL.events) ?? 0,
    views: total.get(TOTAL.views) ?? 0,
    visitors: raw.visitors,
    clicks: total.get(TOTAL.clicks) ?? 0,
    rage: total.get(TOTAL.rage) ?? 0,
    dead: total.get(TOTAL.dead) ?? 0,
    selectors: top(sel, 'sel'),
    rageSelectors: top(rsel, 'sel'),
    deadSelectors: top(dsel, 'sel'),
    scroll: {
      sessions,
      median: sessions ? Math.round(((medianBand + 1) * 100) / grid) : 0,
      reach: [reachAt(25), reachAt(50), reachAt(75), reachAt(100)],
    },
    forms: {
      starts: [...forms.values()].reduce((a, f) => a + f.starts, 0),
      submits: [...forms.values()].reduce((a, f) => a + f.submits, 0),
      byForm: formList,
    },
    media: { ...media, bySrc: [...bySrc.values()].slice(0, TOP) },
    downloads: { total: sum(dl), top: top(dl, 'url') },
    imageViews: { total: sum(img), top: top(img, 'src') },
    outbound: { total: sum(out), top: top(out, 'url') },
    engagedMs: total.get(TOTAL.engaged) ?? 0,
    custom: top(cu, 'name'),
    sources: rankSources(addSources(raw.counters)),
  };
}
