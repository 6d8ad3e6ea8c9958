// Fixtures the store contract's parts share: the instant its batches are sent at, a folded batch, a move.
// Kept apart from describe-store.ts so the parts import these without importing the suite that runs them.
import { parseBatch, type Batch, type Event } from '@heatlens/schema';
import { foldBatch, type FoldSite } from '../../core/fold.js';
import type { Store } from '../types.js';

/** A bucket-aligned instant (multiple of 6 h) the contract's batches are sent at. */
export const T0 = 1_750_000_000_000;
let seq = 0;
/** A validated, folded batch at server time `now`, events stamped `ago` ms before it was sent. */
export function folded(
  events: Array<Partial<Event> & { type: Event['type'] }>,
  o: {
    now?: number;
    site?: string;
    path?: string;
    sid?: string;
    vw?: number;
    id?: string;
    ago?: number;
    fold?: FoldSite;
  } = {},
) {
  const now = o.now ?? T0;
  const input = {
    v: 1,
    id: o.id ?? `b${++seq}`,
    site: o.site ?? 'shop',
    sid: o.sid ?? 'visitor1',
    path: o.path ?? '/',
    vw: o.vw ?? 1280,
    sent: now,
    events: events.map((e) => ({ ts: now - (o.ago ?? 0), ...e })),
  };
  const r = parseBatch(input);
  if (!r.ok) throw new Error(r.error);
  return foldBatch(r.value as Batch, input.path, now, 50, o.fold);
}
/** A move at (x, y) on a 1000 x 5000 px page. */
export const move = (x: number, y: number) => ({ type: 'move' as const, x, y, w: 1000, h: 5000 });

/** What a part of the contract is given: the store under test, a fresh site id, `folded`, the instant. */
export type ContractParts = { store: () => Store; fresh: () => string; folded: typeof folded; now: number };
