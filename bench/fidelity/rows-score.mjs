// The row sweep's heat and its score (pure JS).
//
// Heat is the overlay's (packages/extension/src/content/heat-kernel.ts, restated): each tile centre
// is splatted bilinearly with its count (at least 5 % of the hottest tile's) into a field at
// SURFACE_SCALE of CSS px (heat-surface.ts), then blurred by three box passes each way whose width
// kernelFor(radius, scale) picks (a Gaussian of sigma radius/2). A layer's field covers its own
// space: the page layer the owner's scroll root content (0..w x 0..h), the fixed layer the viewport.

const SCALE = 0.25;
const PASSES = 3;
const MIN_SHARE = 0.05;

function boxBlur(src, dst, len, lines, step, stride, r) {
  const norm = 1 / (2 * r + 1);
  for (let line = 0; line < lines; line++) {
    const base = line * stride;
    let acc = 0;
    for (let i = 0; i <= r && i < len; i++) acc += src[base + i * step];
    for (let i = 0; i < len; i++) {
      dst[base + i * step] = acc * norm;
      const add = i + r + 1;
      const sub = i - r;
      if (add < len) acc += src[base + add * step];
      if (sub >= 0) acc -= src[base + sub * step];
    }
  }
}

/** Box half-width (field px) and padding of the overlay's kernel for `radius` CSS px. */
function kernelFor(radius, scale = SCALE) {
  const sigma = Math.max(0.5, radius * 0.5 * scale);
  const box = Math.max(1, Math.round((Math.sqrt((12 * sigma * sigma) / PASSES + 1) - 1) / 2));
  return { box, pad: PASSES * box + 1 };
}

/**
 * A blurred field of `points` (`[x, y, n]` CSS px) over `w` x `h` CSS px.
 * @returns {{cols: number, rows: number, at(c: number, r: number): number}} cell (c, r) covers CSS
 *   px [c/SCALE, (c+1)/SCALE) x [r/SCALE, (r+1)/SCALE); heat outside 0..w x 0..h is cut off.
 */
export function heatField(points, w, h, max, radius) {
  const k = kernelFor(radius);
  const cols = Math.ceil(w * SCALE);
  const rows = Math.ceil(h * SCALE);
  const fw = cols + 2 * k.pad;
  const fh = rows + 2 * k.pad;
  let a = new Float32Array(fw * fh);
  let b = new Float32Array(fw * fh);
  const floor = MIN_SHARE * max;
  for (const [px, py, n] of points) {
    const x = px * SCALE + k.pad;
    const y = py * SCALE + k.pad;
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= fw || y0 + 1 >= fh) continue;
    const fx = x - x0;
    const fy = y - y0;
    const v = Math.max(n, floor);
    const i = y0 * fw + x0;
    a[i] += v * (1 - fx) * (1 - fy);
    a[i + 1] += v * fx * (1 - fy);
    a[i + fw] += v * (1 - fx) * fy;
    a[i + fw + 1] += v * fx * fy;
  }
  for (let p = 0; p < PASSES; p++) {
    boxBlur(a, b, fw, fh, 1, fw, k.box);
    [a, b] = [b, a];
  }
  for (let p = 0; p < PASSES; p++) {
    boxBlur(a, b, fh, fw, fw, 1, k.box);
    [a, b] = [b, a];
  }
  return { cols, rows, at: (c, r) => a[(r + k.pad) * fw + c + k.pad] };
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
