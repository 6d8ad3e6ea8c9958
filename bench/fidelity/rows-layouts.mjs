// The row sweep's candidate tile layouts and its synthetic clicks (pure JS).
//
// A layout tiles a visitor's click and projects a tile's centre back onto the owner's geometry.
// The px layouts follow packages/schema/src/tiles.ts (tileOf, rowOf, fixedRowOf, fixedRowTop),
// restated here with the row height as a parameter so the sweep needs no build.

const GRID = 50;
const MAX_DEPTH_PX = 100_000;

const tileOf = (pos, size, grid = GRID) => {
  if (!(size > 0)) return 0;
  const t = Math.floor((grid * pos) / size);
  return t < 0 ? 0 : t >= grid ? grid - 1 : t;
};
const rowOf = (y, rowPx) => Math.min(Math.floor(MAX_DEPTH_PX / rowPx) - 1, Math.max(0, Math.floor(y / rowPx)));
const fixedRowOf = (cy, vh, rowPx) => {
  const max = Math.ceil(vh / rowPx);
  if (!(vh > 0) || cy < vh / 2) return Math.min(max, Math.max(0, Math.floor(cy / rowPx)));
  return -1 - Math.min(max, Math.max(0, Math.floor((vh - cy) / rowPx)));
};
const fixedRowTop = (ty, vh, rowPx) => (ty >= 0 ? ty * rowPx : vh + ty * rowPx);

/**
 * @typedef {{target: number, x: number, y: number, w: number, h: number, fixed: boolean,
 *   cx: number, cy: number, vw: number, vh: number}} Click
 *   Page px of the scroll root (`x`, `y`) with its size at the moment of the click (`w`, `h`); for
 *   a target in a fixed or sticky box also viewport px (`cx`, `cy`) and the viewport (`vw`, `vh`).
 * @typedef {{name: string, fixedLayer: boolean, tile(c: Click): [number, number],
 *   centre(tx: number, ty: number, o: {w: number, h: number}): [number, number]}} Layout
 *   `tile`/`centre` handle page tiles; with `fixedLayer`, fixed clicks go to the viewport layer
 *   (`fixedTile`, `fixedCentre`), else they stay on the page at their page px (the v1 model).
 */

/**
 * Absolute rows of `rowPx` (layout v2). `shift` moves the row grid by that many px against the
 * page (as if every element sat `shift` px lower): the sweep averages over shifts so a target that
 * happens to straddle a row boundary at one height does not decide the comparison.
 * @returns {Layout}
 */
export const pxLayout = (rowPx, shift = 0) => ({
  name: `${rowPx} px rows`,
  rowPx,
  fixedLayer: true,
  tile: (c) => [tileOf(c.x, c.w), rowOf(c.y + shift, rowPx)],
  centre: (tx, ty, o) => [((tx + 0.5) * o.w) / GRID, (ty + 0.5) * rowPx - shift],
  fixedTile: (c) => [tileOf(c.cx, c.vw), fixedRowOf(c.cy, c.vh, rowPx)],
  fixedCentre: (tx, ty, o) => [((tx + 0.5) * o.vw) / GRID, fixedRowTop(ty, o.vh, rowPx) + rowPx / 2],
});

/** @type {Layout[]} The candidates: v1's fractions of the height, square-ish rows of w/50, and px rows. */
export const LAYOUTS = [
  {
    name: 'y/h (v1, 50 rows)',
    fixedLayer: false,
    tile: (c) => [tileOf(c.x, c.w), tileOf(c.y, c.h)],
    centre: (tx, ty, o) => [((tx + 0.5) * o.w) / GRID, ((ty + 0.5) * o.h) / GRID],
  },
  {
    name: 'y/w (rows of w/50)',
    fixedLayer: false,
    tile: (c) => [tileOf(c.x, c.w), Math.max(0, Math.floor((GRID * c.y) / c.w))],
    centre: (tx, ty, o) => [((tx + 0.5) * o.w) / GRID, ((ty + 0.5) * o.w) / GRID],
  },
  pxLayout(16),
  pxLayout(20),
  pxLayout(24),
];

/**
 * The reference, no layout: every click at its own page px (x as a fraction of the width, like
 * columns; fixed clicks at their viewport px from the nearer edge). What is lost against it is lost
 * to tiling; what it loses itself is the kernel's spill and the layout's change between widths.
 * @type {Layout & {reference: true}}
 */
export const EXACT = {
  name: 'exact (no tiles)',
  reference: true,
  fixedLayer: true,
  tile: (c) => [c.x / c.w, c.y],
  centre: (fx, y, o) => [fx * o.w, y],
  fixedTile: (c) => [c.cx / c.vw, c.cy < c.vh / 2 ? c.cy : c.cy - c.vh],
  fixedCentre: (fx, cy, o) => [fx * o.vw, cy >= 0 ? cy : o.vh + cy],
};

/** The LCG of bench/fidelity.mjs: a seeded uniform 0..1. */
export function rng(seed) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/**
 * Synthetic clicks of one visitor, like bench/fidelity.mjs's: `perTarget` per target, uniform in
 * the central 80 % of its box, whole px (the SDK's `px`). `early` targets get half before the page
 * grows (at the load-time height) and half after; a fixed target's clicks are spread over its
 * `atScroll` positions, each at the scroll the root reached there.
 * @param {import('./pages.mjs').BenchPage} spec
 * @param {import('./rows-geometry.mjs').Geometry} g
 * @returns {Click[]}
 */
export function syntheticClicks(spec, g, random, perTarget = 6) {
  const clicks = [];
  const at = (b) => [b.x + b.w * (0.1 + 0.8 * random()), b.y + b.h * (0.1 + 0.8 * random())];
  const px = (v) => Math.max(0, Math.round(v));
  const base = { w: g.w, vw: g.vw, vh: g.vh, fixed: false, cx: 0, cy: 0 };
  spec.targets.forEach((t, i) => {
    if (t.fixed) {
      const n = Math.ceil(perTarget / t.atScroll.length);
      for (const { scroll, view } of g.fixedAt[i] ?? []) {
        for (let k = 0; k < n; k++) {
          const [cx, cy] = at(view);
          clicks.push({
            ...base,
            target: i,
            h: g.h,
            fixed: true,
            cx: px(cx),
            cy: px(cy),
            x: px(cx - g.rootLeft),
            y: px(cy - g.rootTop + scroll),
          });
        }
      }
      return;
    }
    const early = t.early && g.load?.targets[i];
    const phases = early
      ? [
          [g.load.targets[i].page, g.load.h, perTarget / 2],
          [g.targets[i]?.page, g.h, perTarget / 2],
        ]
      : [[g.targets[i]?.page, g.h, perTarget]];
    for (const [box, h, n] of phases) {
      if (!box) continue;
      for (let k = 0; k < n; k++) {
        const [x, y] = at(box);
        clicks.push({ ...base, target: i, h, x: px(x), y: px(y) });
      }
    }
  });
  return clicks;
}

/**
 * Tile `clicks` in `layout` and project the tiles back onto the owner's geometry `o`.
 * @returns {{page: [number, number, number][], fixed: [number, number, number][]}} kernel centres
 *   `[x, y, count]`: `page` in the owner's page px, `fixed` in the owner's viewport px.
 */
export function projectClicks(clicks, layout, o) {
  const page = new Map();
  const fixed = new Map();
  for (const c of clicks) {
    const toFixed = c.fixed && layout.fixedLayer;
    const [tx, ty] = toFixed ? layout.fixedTile(c) : layout.tile(c);
    const m = toFixed ? fixed : page;
    const k = `${tx}:${ty}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  const out = (m, centre) =>
    [...m].map(([k, n]) => {
      const [tx, ty] = k.split(':').map(Number);
      return [...centre(tx, ty, o), n];
    });
  return { page: out(page, layout.centre), fixed: out(fixed, layout.fixedCentre ?? (() => [0, 0])) };
}
