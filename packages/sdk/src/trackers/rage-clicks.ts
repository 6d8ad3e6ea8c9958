import type { ClickFlag } from './clicks.js';

/** Options of {@link rageClicks}. */
export interface RageOptions {
  /** Clicks within `rageMs` and `ragePx` of each other that make a rage click. Default: 3. */
  rageCount?: number;
  /** Default: 1000 ms. */
  rageMs?: number;
  /** Default: 30 px. */
  ragePx?: number;
}

/**
 * A click flag for `trackClicks`: marks `rage: true` on a click that is the `rageCount`-th (or
 * later) within `rageMs` and `ragePx` of the ones before it.
 */
export function rageClicks({ rageCount = 3, rageMs = 1000, ragePx = 30 }: RageOptions = {}): ClickFlag {
  let recent: { ts: number; x: number; y: number }[] = [];
  return (e, _t, next) => {
    recent = recent.filter((r) => e.ts - r.ts < rageMs && Math.hypot(r.x - e.x, r.y - e.y) <= ragePx);
    if (recent.push(e) >= rageCount) e.rage = true;
    next(e);
  };
}
