/**
 * A small seeded PRNG (mulberry32), so `pnpm simulate --seed 7` replays the same visitors.
 * @param {number} seed
 */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    /** uniform in [0, 1) */
    next,
    /** true with probability p */
    chance: (p) => next() < p,
    /** integer in [lo, hi] */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    /** one of the items */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** one of the keys of {key: weight} */
    weighted: (weights) => {
      const total = Object.values(weights).reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (const [k, w] of Object.entries(weights)) if ((r -= w) < 0) return k;
      return Object.keys(weights)[0];
    },
    /** random hex id */
    id: (len = 16) => Array.from({ length: len }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
}
