import type { SnapshotMessage } from '@heatlens/schema/live';
import { flatTiles } from '@heatlens/schema/live-delta';

/**
 * A map's page tiles in either form the renderer takes: the wire's `[tx, ty, n]` tuples, or one
 * flat `[tx, ty, n, tx, ty, n, ...]` array (what the extension's background hands its content
 * script: one array crosses extension messaging and is parsed there, not thousands).
 */
export type TileRun = SnapshotMessage['tiles'] | readonly number[];

/** A snapshot as the renderer draws it: page tiles as a `TileRun`. */
export type DrawMap = Omit<SnapshotMessage, 'tiles'> & { tiles: TileRun };

const flat = new WeakMap<object, readonly number[]>();

/**
 * `tiles` as one flat `[tx, ty, n, ...]` array: itself when it already is one, else flattened once
 * per tile list (kept while the list is alive).
 */
export function flatRun(tiles: TileRun): readonly number[] {
  if (!tiles.length || typeof tiles[0] === 'number') return tiles as readonly number[];
  let out = flat.get(tiles);
  if (!out) flat.set(tiles, (out = flatTiles(tiles as SnapshotMessage['tiles'])));
  return out;
}

/** `tiles` as `[tx, ty, n]` tuples (for the few short lists that need them: a scroll map's bands). */
export function tupleRun(tiles: TileRun): SnapshotMessage['tiles'] {
  if (!tiles.length || typeof tiles[0] !== 'number') return tiles as SnapshotMessage['tiles'];
  const run = tiles as readonly number[];
  const out: SnapshotMessage['tiles'] = [];
  for (let i = 0; i + 2 < run.length; i += 3) out.push([run[i]!, run[i + 1]!, run[i + 2]!]);
  return out;
}
