import type { ElementBox } from './heat-points.js';
import { elementLabel } from './map-labels.js';

/** A label placed on the map: its text and its box (CSS px; `y` is the text's middle line). */
export type PlacedLabel = { text: string; x: number; y: number; w: number };

/** Label height and padding, CSS px (the label chip: 18 px tall, 5 px either side of the text). */
const HEIGHT = 18;
const PAD = 10;
const GAP = 2;

const hits = (a: PlacedLabel, b: PlacedLabel) =>
  a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && Math.abs(a.y - b.y) < HEIGHT + GAP;

/** `name` cut to `room` px (with an ellipsis), by `measure`; '' when not even one letter fits. */
function cut(name: string, room: number, measure: (t: string) => number): string {
  if (measure(name) <= room) return name;
  for (let n = name.length - 1; n > 0; n--) {
    const t = `${name.slice(0, n).trimEnd()}…`;
    if (measure(t) <= room) return t;
  }
  return '';
}

/**
 * Where the counts of the click map's elements go: above each drawn box (`hidden` and off-view
 * boxes skipped), most clicked first. A label says the element's `name` when it has one
 * (`Portfolio: 3 clicks`), else `elementLabel`. One that would overlap a label already placed is
 * shortened (the name cut to its box's width, then the bare count) and left out if it still would,
 * so narrow neighbours (a navbar's links) never print over each other. `measure` is the text's
 * width in CSS px.
 */
export function placeElementLabels(
  boxes: readonly ElementBox[],
  viewHeight: number,
  measure: (text: string) => number,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const shown = boxes.filter((b) => !b.hidden && b.rect.w > 0 && b.rect.y + b.rect.h >= 0 && b.rect.y <= viewHeight);
  for (const b of [...shown].sort((p, q) => q.count - p.count)) {
    const x = Math.max(0, b.rect.x);
    const y = Math.max(HEIGHT / 2, b.rect.y - 10);
    const counted = elementLabel(b.count);
    const clicks = counted.slice(counted.indexOf(':') + 2);
    const short = cut(b.name ?? '', b.rect.w - PAD - measure(`: ${clicks}`), measure);
    const tries = [
      b.name ? `${b.name}: ${clicks}` : counted,
      ...(short && short !== b.name ? [`${short}: ${clicks}`] : []),
      String(b.count),
    ];
    for (const text of tries) {
      const label = { text, x, y, w: measure(text) + PAD };
      if (placed.some((p) => hits(p, label))) continue;
      placed.push(label);
      break;
    }
  }
  return placed;
}
