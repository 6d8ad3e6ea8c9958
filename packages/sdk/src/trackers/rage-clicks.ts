import type { ClickFlag } from './clicks.js';

/** Options of {@link rageClicks}. */
export interface RageOptions {
  /** Clicks on one target within `rageMs` and `ragePx` of each other that make a rage click. Default: 3. */
  rageCount?: number;
  /** Default: 1000 ms. */
  rageMs?: number;
  /** Default: 30 px. */
  ragePx?: number;
}

/**
 * A click flag for `trackClicks`: marks `rage: true` on a click that is the `rageCount`-th (or
 * later) on the same target within `rageMs` and `ragePx` of the ones before it. A click that
 * selects text (a double or triple click whose selection differs from the previous click's) is
 * reading, not rage: it starts the count again.
 */
export function rageClicks({ rageCount = 3, rageMs = 1000, ragePx = 30 }: RageOptions = {}): ClickFlag {
  let recent: { ts: number; x: number; y: number }[] = [];
  let target: Element | undefined;
  let sel: unknown;
  return (e, t, next) => {
    const s = '' + getSelection();
    recent = recent.filter(
      (r) => t == target && s == sel && e.ts - r.ts < rageMs && Math.hypot(r.x - e.x, r.y - e.y) <= ragePx,
    );
    target = t;
    sel = s;
    if (recent.push(e) >= rageCount) e.rage = true;
    next(e);
  };
}
