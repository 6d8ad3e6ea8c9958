// Reads the owner's overlay back as pixels and scores it against the targets' boxes.
//
// The overlay is a viewport-sized canvas; the benchmark scrolls the page's scroll root through its
// whole height and samples the canvas every STEP CSS px. Heat that moves with the page is mapped to
// page coordinates of the scroll root; heat pinned to the viewport (fixed and sticky boxes) is what
// stays at the same viewport point at every scroll position (the minimum over all positions), and
// what comes and goes under a pinned box is page heat drawn there at one scroll position only.

const STEP = 4;

/** Viewport samples of the canvas' alpha and the targets' viewport boxes, at the current scroll. */
function readFrame(page, targets, rootSel) {
  return page.evaluate(
    ([css, rootSel, step]) => {
      const canvas = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
      const w = innerWidth;
      const h = innerHeight;
      const cols = Math.ceil(w / step);
      const rows = Math.ceil(h / step);
      const alpha = new Array(cols * rows).fill(0);
      if (canvas?.width) {
        const dpr = canvas.width / w;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let r = 0; r < rows; r++)
          for (let c = 0; c < cols; c++) {
            const x = Math.min(canvas.width - 1, Math.floor((c * step + step / 2) * dpr));
            const y = Math.min(canvas.height - 1, Math.floor((r * step + step / 2) * dpr));
            alpha[r * cols + c] = data[(y * canvas.width + x) * 4 + 3];
          }
      }
      const root = rootSel ? document.querySelector(rootSel) : document.scrollingElement;
      const rr = rootSel ? root.getBoundingClientRect() : { left: 0, top: 0 };
      const boxes = css.map((s) => {
        const r = document.querySelector(s)?.getBoundingClientRect();
        return r ? { x: r.left, y: r.top, w: r.width, h: r.height } : null;
      });
      return {
        w,
        h,
        cols,
        rows,
        alpha,
        boxes,
        root: { left: rr.left, top: rr.top, sx: root.scrollLeft, sy: root.scrollTop },
      };
    },
    [targets.map((t) => t.css), rootSel ?? null, STEP],
  );
}

const inBox = (b, x, y, pad = 0) => b && x >= b.x - pad && x < b.x + b.w + pad && y >= b.y - pad && y < b.y + b.h + pad;

/**
 * Scroll the owner's tab through the page and score the click heat it shows.
 * @returns {Promise<{inside: number, peaks: boolean[], total: number}>} `inside`: share of heat
 *   (alpha-weighted) inside the targets' boxes; `peaks[i]`: the hottest point near target i lies in it.
 */
export async function scoreOverlay(page, targets, rootSel, settleMs = 300) {
  const scrollTo = (y) =>
    page.evaluate(
      ([sel, top]) => {
        const root = sel ? document.querySelector(sel) : document.scrollingElement;
        root.scrollTop = top;
        return { top: root.scrollTop, max: root.scrollHeight - root.clientHeight };
      },
      [rootSel ?? null, y],
    );
  const settle = () => page.waitForTimeout(settleMs);
  const first = await scrollTo(0);
  await settle();
  const frames = [await readFrame(page, targets, rootSel)];
  const view = frames[0].h;
  for (let y = view / 2; y < first.max + view / 2; y += view / 2) {
    await scrollTo(Math.min(y, first.max));
    await settle();
    frames.push(await readFrame(page, targets, rootSel));
  }
  const f0 = frames[0];
  // Pinned heat: the minimum over every scroll position, in the zone of the fixed targets.
  const fixedBoxes = targets.map((t, i) => (t.fixed ? f0.boxes[i] : null));
  const pinned = f0.alpha.map((_, k) => {
    const x = (k % f0.cols) * STEP + STEP / 2;
    const y = Math.floor(k / f0.cols) * STEP + STEP / 2;
    if (!fixedBoxes.some((b) => inBox(b, x, y, 48))) return 0;
    return Math.min(...frames.map((f) => f.alpha[k] ?? 0));
  });
  // Page heat: everything else, in page coordinates of the scroll root (the max where frames overlap).
  const pageHeat = new Map();
  for (const f of frames) {
    f.alpha.forEach((a, k) => {
      const rest = a - (pinned[k] ?? 0);
      if (rest <= 0) return;
      const x = (k % f.cols) * STEP + STEP / 2 - f.root.left + f.root.sx;
      const y = Math.floor(k / f.cols) * STEP + STEP / 2 - f.root.top + f.root.sy;
      const key = `${Math.floor(x / STEP)}:${Math.floor(y / STEP)}`;
      if (!(pageHeat.get(key) >= rest)) pageHeat.set(key, rest);
    });
  }
  // Target boxes in page coordinates of the root (from the first frame).
  const pageBoxes = targets.map((t, i) => {
    const b = f0.boxes[i];
    return !b || t.fixed
      ? null
      : { x: b.x - f0.root.left + f0.root.sx, y: b.y - f0.root.top + f0.root.sy, w: b.w, h: b.h };
  });
  let total = 0;
  let inside = 0;
  const best = targets.map(() => ({ a: 0, inside: false }));
  const consider = (i, a, isIn) => {
    if (a > best[i].a || (a === best[i].a && isIn && !best[i].inside)) best[i] = { a, inside: isIn };
  };
  for (const [key, a] of pageHeat) {
    const [cx, cy] = key.split(':').map(Number);
    const x = cx * STEP + STEP / 2;
    const y = cy * STEP + STEP / 2;
    total += a;
    if (pageBoxes.some((b) => inBox(b, x, y))) inside += a;
    pageBoxes.forEach((b, i) => b && inBox(b, x, y, Math.max(60, b.h)) && consider(i, a, inBox(b, x, y)));
  }
  pinned.forEach((a, k) => {
    if (!a) return;
    const x = (k % f0.cols) * STEP + STEP / 2;
    const y = Math.floor(k / f0.cols) * STEP + STEP / 2;
    total += a;
    if (fixedBoxes.some((b) => inBox(b, x, y))) inside += a;
    fixedBoxes.forEach((b, i) => b && inBox(b, x, y, 48) && consider(i, a, inBox(b, x, y)));
  });
  return { inside: total ? inside / total : 0, peaks: best.map((b) => b.a > 0 && b.inside), total };
}
