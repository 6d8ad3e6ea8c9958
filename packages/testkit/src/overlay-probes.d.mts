/** A viewport rectangle in CSS px. */
export type Box = { x: number; y: number; w: number; h: number };
/** RGBA of the overlay at a viewport point (labels where painted, else heat), or null without one. */
export function overlayPixelIn(point: [number, number]): [number, number, number, number] | null;
/** Highest heat alpha (0..255) inside a viewport rectangle, or null without an overlay. */
export function heatAlphaIn(box: Box): number | null;
/** Ms until the heat canvas shows colour at `[x, y]`; rejects after `limit` ms. */
export function colourWaitIn(args: [number, number, number]): Promise<number>;
/** The legend's sample count and path, or null without an overlay. */
export function legendIn(): { total: string; path: string } | null;
/** Viewport box of the first element matching `selector`, or null. */
export function boxIn(selector: string): Box | null;
