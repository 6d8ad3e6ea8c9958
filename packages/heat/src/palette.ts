/** 256 RGBA entries, cold to hot, as read from a canvas gradient. */
export type Palette = Uint8ClampedArray;

/** Colour stops of the heat gradient, cold to hot (the classic heatmap ramp, as in clarity-visualize). */
export const HEAT_STOPS: ReadonlyArray<readonly [number, string]> = [
  [0, 'blue'],
  [0.25, 'cyan'],
  [0.5, 'lime'],
  [0.75, 'yellow'],
  [1, 'red'],
];

/** The bit of a canvas 2D context the palette needs, so tests can pass a stand-in. */
export type GradientContext = Pick<CanvasRenderingContext2D, 'createLinearGradient' | 'fillRect' | 'getImageData'> & {
  fillStyle: CanvasRenderingContext2D['fillStyle'];
};

/**
 * Read the palette once: paint the gradient on a 256x1 canvas and keep its pixels, so drawing a
 * tile is a table lookup, never a colour parse. The browser's own gradient does the interpolation.
 * [microsoft/clarity packages/clarity-visualize/src/heatmap.ts]
 */
export function readPalette(ctx: GradientContext, stops = HEAT_STOPS): Palette {
  const gradient = ctx.createLinearGradient(0, 0, 256, 0);
  for (const [at, colour] of stops) gradient.addColorStop(at, colour);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 256, 1);
  return ctx.getImageData(0, 0, 256, 1).data;
}

/**
 * Palette index of a tile's count relative to the hottest tile: 0..255. Any non-empty tile gets at
 * least index 1, so one sample still shows.
 */
export function heatIndex(count: number, max: number): number {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.max(1, Math.min(255, Math.round((255 * count) / max)));
}

/**
 * Alpha of a tile (0..255): warmer tiles are more opaque, so the page stays readable under cold
 * areas; `opacity` (0..1) scales the whole overlay.
 */
export function heatAlpha(index: number, opacity: number): number {
  if (index <= 0) return 0;
  return Math.round(255 * opacity * (0.45 + (0.55 * index) / 255));
}
