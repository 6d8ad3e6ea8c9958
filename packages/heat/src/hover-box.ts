import type { ElementBox } from './heat-points.js';

/**
 * The drawn element box under a viewport point (CSS px), the smallest where boxes nest (a button
 * in its card), or null. The overlay's canvas takes no pointer events, so the overlay hit-tests the
 * boxes it drew to label only the element under the pointer.
 */
export function hoverBox(boxes: readonly ElementBox[], x: number, y: number): ElementBox | null {
  let best: ElementBox | null = null;
  for (const b of boxes) {
    const r = b.rect;
    if (b.hidden || r.w === 0 || x < r.x || x > r.x + r.w || y < r.y || y > r.y + r.h) continue;
    if (!best || r.w * r.h < best.rect.w * best.rect.h) best = b;
  }
  return best;
}
