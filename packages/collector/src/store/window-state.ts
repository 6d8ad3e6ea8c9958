import type { Heatmap, Kind, SegmentFilter } from '@heatlens/schema';
import { buildHeatmap } from '../core/build-heatmap.js';
import type { WindowChanges } from './types.js';

/**
 * A page window's raw members kept from `Store.windowChanges` answers: a whole answer replaces
 * them, a delta is applied over them (a count of 0 or less drops the member, except scroll's
 * difference array, whose negatives count). `changed` says which members moved in the last apply.
 */
export class WindowState {
  readonly members = new Map<string, number>();
  cursor: string | undefined;
  span = { from: 0, to: 0, windowMs: 0 };

  constructor(readonly q: { site: string; page: string; kind: Kind; seg: SegmentFilter; grid: number }) {}

  /** Apply an answer; returns the members whose count changed (all of them after a whole answer). */
  apply(c: WindowChanges): string[] {
    const changed: string[] = [];
    if (c.full) {
      for (const m of this.members.keys()) changed.push(m);
      this.members.clear();
    }
    for (const [m, n] of c.members) {
      const had = this.members.get(m) ?? 0;
      const keep = this.q.kind === 'scroll' ? n !== 0 : n > 0;
      if (keep) this.members.set(m, n);
      else this.members.delete(m);
      if (c.full || had !== (keep ? n : 0)) changed.push(m);
    }
    this.cursor = c.cursor;
    this.span = { from: c.from, to: c.to, windowMs: c.windowMs };
    return c.full ? [...new Set(changed)] : changed;
  }

  /** The window as a snapshot (`/api/heatmap`'s shape), built from the kept members. */
  heatmap(): Heatmap {
    return buildHeatmap(this.q, { ...this.span, members: this.members });
  }
}
