import { readFileSync } from 'node:fs';
import { CLICKS_FILE } from './record-clicks.mjs';
import { LAYOUT, layoutOf } from './shop-layout.mjs';

/**
 * @typedef {import('./shop-layout.mjs').Spot & {event: Record<string, unknown> | null}} RecordedSpot
 *   a spot with the click event the SDK sent for it in Chromium (no `ts`), null when none
 */

/**
 * The shop's layout as Chromium rendered it: `layoutFor(path, vw)` gives the document height and
 * each spot with the click event the SDK sent for it at that width (shop-clicks.json, written by
 * record-clicks.mjs), and `fx`/`fy` taken from that event's page point. The account area's views
 * share `/app`'s. Throws, naming the command that rewrites it, when the file is missing or lacks a
 * page or width: a synthetic click is never guessed.
 * @returns {{layoutFor: (path: string, vw: number) => {h: number, spots: Record<string, RecordedSpot>}}}
 */
export function shopClicks() {
  let data;
  try {
    data = JSON.parse(readFileSync(CLICKS_FILE, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${CLICKS_FILE} (${err.message}): run node examples/shop/simulate/record-clicks.mjs`, {
      cause: err,
    });
  }
  return {
    layoutFor(path, vw) {
      const key = path.startsWith('/app') ? '/app' : path;
      const rec = data[key]?.[vw];
      if (!rec)
        throw new Error(
          `shop-clicks.json has no ${key} at ${vw} px: run node examples/shop/simulate/record-clicks.mjs`,
        );
      const spots = {};
      for (const [name, spot] of Object.entries(LAYOUT[layoutOf(path)].spots)) {
        const event = rec.spots[name];
        if (event === undefined)
          throw new Error(`shop-clicks.json has no ${name} on ${key} at ${vw} px: record it again`);
        // null: Chromium sends no click there (media controls), a spot for cursors only.
        spots[name] = event ? { ...spot, fx: event.x / event.w, fy: event.y / event.h, event } : { ...spot, event };
      }
      return { h: rec.h, spots };
    },
  };
}
