import type { AlertState } from './types.js';

/** Alert state in this process: one process is trivially the only sender. */
export function createMemoryAlertState(): AlertState {
  const sites = new Map<string, { firing: Map<string, string>; cooldown: Map<string, number>; recent: string[] }>();
  const of = (site: string) => {
    let s = sites.get(site);
    if (!s) sites.set(site, (s = { firing: new Map(), cooldown: new Map(), recent: [] }));
    return s;
  };
  const log = (recent: string[], body: string, keep: number) => {
    recent.unshift(body);
    recent.length = Math.min(recent.length, keep);
  };
  return {
    async open(site, id, body, { now, keep }) {
      const s = of(site);
      if ((s.cooldown.get(id) ?? 0) > now || s.firing.has(id)) return false;
      s.firing.set(id, body);
      log(s.recent, body, keep);
      return true;
    },
    async close(site, id, body, { now, cooldownMs, keep }) {
      const s = of(site);
      if (!s.firing.delete(id)) return false;
      for (const [k, until] of s.cooldown) if (until <= now) s.cooldown.delete(k);
      s.cooldown.set(id, now + cooldownMs);
      log(s.recent, body, keep);
      return true;
    },
    async update(site, id, body) {
      const s = sites.get(site);
      if (!s?.firing.has(id)) return false;
      s.firing.set(id, body);
      return true;
    },
    async list(site) {
      const s = sites.get(site);
      return { firing: [...(s?.firing.values() ?? [])], recent: [...(s?.recent ?? [])] };
    },
  };
}
