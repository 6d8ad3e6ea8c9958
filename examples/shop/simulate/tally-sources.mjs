/**
 * Counts page views by where they came from, as the collector does (packages/collector/src/core/
 * sources.ts): referrer host (`www.` folded, `(direct)` for none, `(internal)` on the shop's own
 * origin, other schemes as scheme and host), primary language subtag, time zone, its region, and
 * screen class. The simulator sends canonical zone names, so no Intl lookup is needed here.
 * @param {string} origin the shop's origin: its pages are internal referrers
 */
export function createSourceTally(origin) {
  const fold = (h) => (h.startsWith('www.') ? h.slice(4) : h);
  const own = fold(new URL(origin).host);
  const lists = {
    referrers: new Map(),
    languages: new Map(),
    timeZones: new Map(),
    regions: new Map(),
    screens: new Map(),
  };
  const bump = (list, v) => v && lists[list].set(v, (lists[list].get(v) ?? 0) + 1);
  const referrer = (ref) => {
    if (!ref) return '(direct)';
    try {
      const u = new URL(ref);
      const host = u.host.toLowerCase();
      if (!/^https?:$/.test(u.protocol)) return host ? `${u.protocol}//${host}` : u.protocol;
      return fold(host) === own ? '(internal)' : fold(host);
    } catch {
      return undefined;
    }
  };
  return {
    /** Count one accepted page view. */
    add(e) {
      bump('referrers', referrer(e.ref));
      bump('languages', e.lang?.split('-')[0]?.toLowerCase());
      bump('timeZones', e.tz);
      bump('regions', e.tz?.includes('/') ? e.tz.split('/')[0] : undefined);
      if (e.sw) bump('screens', `${e.sw < 768 ? 's' : e.sw < 1200 ? 'm' : 'l'} ${e.sw}x${e.sh ?? 0}`);
    },
    /** Each list ranked as the collector's `sources`: `[value, views]`, most first, ties by value. */
    ranked() {
      const rank = (m) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return Object.fromEntries(Object.entries(lists).map(([k, m]) => [k, rank(m)]));
    },
  };
}

/** Print the ranked sources, one line per list, the top `top` values of each. */
export function printSources(ranked, log = console.log, top = 8) {
  for (const [list, values] of Object.entries(ranked)) {
    log(
      `${list.padEnd(10)}  ${
        values
          .slice(0, top)
          .map(([v, n]) => `${v} ${n}`)
          .join(' · ') || '–'
      }`,
    );
  }
}
