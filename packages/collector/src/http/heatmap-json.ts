import type { Heatmap } from '@heatlens/schema';

// The serialized layers (tiles, fixed, elements) of each layers array read: a store that answers
// readers of one unchanged window with the same arrays (store/snapshot-cache.ts) has them built
// into JSON once, and each answer adds only its own head (from, to, ...).
const layersJson = new WeakMap<object, string>();

/** `JSON.stringify(map)` in the wire's key order, its layers serialized once per tiles array. */
export function heatmapJson(map: Heatmap): string {
  const { tiles, fixed, elements, ...head } = map;
  let layers = layersJson.get(tiles);
  if (layers === undefined) {
    layers = JSON.stringify({ tiles, fixed, elements }).slice(1, -1);
    if (Object.isFrozen(tiles)) layersJson.set(tiles, layers);
  }
  return `${JSON.stringify(head).slice(0, -1)},${layers}}`;
}
