// The row sweep's heat and its score (pure JS).
//
// Heat is the overlay's own (packages/heat/src/heat-kernel.ts, bundled here with
// esbuild): each tile centre is splatted bilinearly with its count (at least 5 % of the hottest
// tile's) into a field at SURFACE_SCALE of CSS px (heat-surface.ts), then blurred by three box passes
// each way whose width kernelFor(radius, scale) picks (a Gaussian of sigma radius/2). A layer's field
// covers its own space: the page layer the owner's scroll root content (0..w x 0..h), the fixed layer
// the viewport.
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

const SCALE = 0.25;
const MIN_SHARE = 0.05;

const kernelSource = buildSync({
  entryPoints: [fileURLToPath(new URL('../../packages/heat/src/heat-kernel.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
}).outputFiles[0].text;
const { kernelFor, fieldFor, blurLayer } = await import(
  `data:text/javascript;base64,${Buffer.from(kernelSource).toString('base64')}`
);

/**
 * A blurred field of `points` (`[x, y, n]` CSS px) over `w` x `h` CSS px.
 * @returns {{cols: number, rows: number, at(c: number, r: number): number}} cell (c, r) covers CSS
 *   px [c/SCALE, (c+1)/SCALE) x [r/SCALE, (r+1)/SCALE); heat outside 0..w x 0..h is cut off.
 */
export function heatField(points, w, h, max, radius) {
  const k = kernelFor(radius, SCALE);
  const cols = Math.ceil(w * SCALE);
  const rows = Math.ceil(h * SCALE);
  const field = fieldFor(cols, rows, k);
  const a = blurLayer(field, points, MIN_SHARE * max, k, SCALE);
  return { cols, rows, at: (c, r) => a[(r + k.pad) * field.w + c + k.pad] };
}

const inBox = (b, x, y, pad = 0) => b && x >= b.x - pad && x < b.x + b.w + pad && y >= b.y - pad && y < b.y + b.h + pad;

/**
 * Score one layer's field against the targets' boxes in the same space (CSS px of cell centres).
 * A target's peak is the hottest cell within `pad` of its box, leaving out cells inside another
 * target's box (side-by-side buttons would otherwise take each other's peaks).
 * @param {{box: object, pad: number}[]} targets `pad`: how far around a box its peak is looked for
 * @returns {{total: number, inside: number, best: {a: number, inside: boolean}[]}}
 */
export function scoreField(f, targets) {
  let total = 0;
  let inside = 0;
  const best = targets.map(() => ({ a: 0, inside: false }));
  for (let r = 0; r < f.rows; r++) {
    const y = (r + 0.5) / SCALE;
    const near = targets.filter((t) => t.box && y >= t.box.y - t.pad && y < t.box.y + t.box.h + t.pad);
    for (let c = 0; c < f.cols; c++) {
      const a = f.at(c, r);
      if (!(a > 0)) continue;
      total += a;
      if (!near.length) continue;
      const x = (c + 0.5) / SCALE;
      if (near.some((t) => inBox(t.box, x, y))) inside += a;
      for (const t of near) {
        if (!inBox(t.box, x, y, t.pad)) continue;
        const isIn = inBox(t.box, x, y);
        if (!isIn && near.some((u) => u !== t && inBox(u.box, x, y))) continue;
        const i = targets.indexOf(t);
        if (a > best[i].a || (a === best[i].a && isIn && !best[i].inside)) best[i] = { a, inside: isIn };
      }
    }
  }
  return { total, inside, best };
}
