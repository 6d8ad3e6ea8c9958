import { readFileSync } from 'node:fs';

// Where things are on the shop's pages (the table is shop-layout.json), as fractions of the
// document (measured in Chromium at 1280 px wide, rounded), so synthetic clicks land where real
// ones would. `h` is the document height in px at 1280 px; narrower viewports make pages taller.
// `sel` is a CSS query that finds the element; what a click on it sends is recorded in Chromium
// (record-clicks.mjs, shop-clicks.json).

/** @typedef {{sel: string, fx: number, fy: number}} Spot */

/** @type {Record<string, {h: number, spots: Record<string, Spot>}>} */
export const LAYOUT = JSON.parse(readFileSync(new URL('./shop-layout.json', import.meta.url), 'utf8'));

/** Page layout name of a shop path. */
export function layoutOf(path) {
  if (path === '/') return 'home';
  if (path.startsWith('/product/')) return 'product';
  if (path === '/signup/thanks') return 'thanks';
  if (path.startsWith('/app')) return 'app';
  return path.slice(1);
}
