import { blurLayer, type Field, type Kernel } from './heat-kernel.js';
import type { HeatPoint } from './heat-points.js';

/**
 * The diverging palette of a comparison: one hue where a tile's share of the map rose, another
 * where it fell, nothing where it held. Orange and blue: told apart with every common colour
 * vision deficiency (the ColorBrewer PuOr / RdBu end colours, as most diff heatmaps use).
 */
export const DIVERGING = {
  /** share rose (RGB) */
  rise: [230, 97, 1] as const,
  /** share fell (RGB) */
  fall: [33, 102, 172] as const,
};

/** Below this fraction of the full scale a pixel counts as held and stays transparent. */
export const HELD_FRACTION = 0.04;

/**
 * The colour of a signed change `v` in -1..1 of the full scale (`maxAbs` pp): the rise or the fall
 * hue, alpha growing with |v| (scaled by `opacity`), transparent below HELD_FRACTION.
 */
export function divergingColour(v: number, opacity = 1): [number, number, number, number] {
  const a = Math.min(1, Math.abs(v));
  if (!(a >= HELD_FRACTION)) return [0, 0, 0, 0];
  const [r, g, b] = v > 0 ? DIVERGING.rise : DIVERGING.fall;
  return [r, g, b, Math.round(255 * opacity * (0.25 + 0.75 * Math.sqrt(a)))];
}

/**
 * Render a difference (points in CSS px weighted by their change in percentage points, positive
 * and negative) into `out`, an RGBA buffer of `w` x `h` field px: splatted and blurred with the
 * same kernel as the heat (`blurLayer`, signed weights kept), scaled so a lone tile of `maxAbs`
 * pp reaches the full colour, coloured by `divergingColour`. No points, or `maxAbs` 0: nothing.
 */
export function renderDiff(
  out: Uint8ClampedArray,
  w: number,
  h: number,
  points: readonly HeatPoint[],
  maxAbs: number,
  k: Kernel,
  field: Field,
  opacity = 1,
  scale = 1,
): void {
  out.fill(0);
  if (!points.length || !(maxAbs > 0)) return;
  const src = blurLayer(field, points, -Infinity, k, scale);
  const gain = 1 / (k.peak * maxAbs);
  const fw = field.w;
  for (let y = 0; y < h; y++) {
    let i = (y + k.pad) * fw + k.pad;
    let o = y * w * 4;
    for (let x = 0; x < w; x++, i++, o += 4) {
      const c = divergingColour(src[i]! * gain, opacity);
      if (c[3] === 0) continue;
      out[o] = c[0];
      out[o + 1] = c[1];
      out[o + 2] = c[2];
      out[o + 3] = c[3];
    }
  }
}
