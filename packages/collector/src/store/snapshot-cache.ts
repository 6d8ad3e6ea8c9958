import type { Heatmap } from '@heatlens/schema';

/** Distinct (page, map, segment, window) answers kept; past it the least recently read goes. */
const MAX_ENTRIES = 256;

/**
 * The last heatmap built per (page, map, segment, window), under the page's change tag (the
 * advance script's `version:moves`, which changes whenever any window of the page changed): a
 * snapshot whose advance answers the same tag reuses the map built for it, so readers between two
 * changes (every viewer of a page within one hop, a dashboard polling an idle page) cost Redis the
 * advance alone and the collector no rebuild. The caller sets each answer's own span (from, to);
 * the arrays are frozen: answers share them.
 */
export function createSnapshotCache(max = MAX_ENTRIES) {
  const entries = new Map<string, { tag: string; map: Heatmap }>();
  return {
    get(key: string, tag: string): Heatmap | undefined {
      const e = entries.get(key);
      if (!e || e.tag !== tag) return undefined;
      entries.delete(key);
      entries.set(key, e);
      return e.map;
    },
    set(key: string, tag: string, map: Heatmap): Heatmap {
      Object.freeze(map.tiles);
      Object.freeze(map.fixed);
      if (map.elements) Object.freeze(map.elements);
      entries.delete(key);
      entries.set(key, { tag, map });
      if (entries.size > max) entries.delete(entries.keys().next().value!);
      return map;
    },
  };
}
