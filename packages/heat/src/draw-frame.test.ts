import { describe, expect, it } from 'vitest';
import { drawFrame, type Frame } from './draw-frame.js';
import type { ElementBox } from './heat-points.js';
import type { Layout } from './project.js';

/** A whole 1000 x 3000 page in view, its first screen 800 px tall (the dashboard's page layout). */
const PAGE: Layout = {
  rootLeft: 0,
  rootTop: 0,
  rootWidth: 1000,
  rootHeight: 3000,
  scrollX: 0,
  scrollY: 0,
  docWidth: 1000,
  docHeight: 3000,
  viewWidth: 1000,
  viewHeight: 800,
};

/** A 2D context that records the outlines and label texts drawn on it. */
function recorder() {
  const outlines: number[] = [];
  const texts: string[] = [];
  const ctx = {
    setTransform() {},
    strokeRect(_x: number, y: number) {
      outlines.push(y);
    },
    fillRect() {},
    fillText(t: string) {
      texts.push(t);
    },
    measureText: (t: string) => ({ width: t.length * 7 }),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, outlines, texts };
}

const box = (sel: string, y: number, name: string): ElementBox => ({
  sel,
  count: 3,
  points: [[5, 5, 3]],
  rect: { x: 100, y, w: 200, h: 40 },
  name,
});

function frame(ctx: CanvasRenderingContext2D, boxes: ElementBox[], drawnHeight?: number): Frame {
  return {
    ctx,
    surface: { begin: () => null, draw() {} },
    heat: null,
    palette: new Uint8ClampedArray(1024),
    layout: PAGE,
    documentRoot: true,
    dpr: 1,
    snapshot: {
      v: 2,
      kind: 'click',
      path: '/',
      grid: 50,
      rowPx: 20,
      rows: 150,
      total: 6,
      max: 3,
      tiles: [],
      fixed: [],
      elements: boxes.map((b) => ({ sel: b.sel, count: b.count, points: b.points })),
    } as unknown as Frame['snapshot'],
    settings: { opacity: 0.6, counts: true },
    boxes,
    drawnHeight,
  };
}

describe('drawFrame', () => {
  const boxes = [box('#hero', 100, 'Find Out More'), box('#cta', 1500, 'Get Started!')];

  it('outlines and labels every element on a page drawn whole, below its first screen too', () => {
    // The dashboard drew outlines and labels only over the first 800 px of a captured page.
    const r = recorder();
    drawFrame(frame(r.ctx, boxes, 3000));
    expect(r.outlines).toEqual([100, 1500]);
    expect(r.texts.some((t) => t.includes('Get Started!'))).toBe(true);
    expect(r.texts.some((t) => t.includes('Find Out More'))).toBe(true);
  });

  it('leaves out what is below the viewport when the canvas shows only the viewport (the overlay)', () => {
    const r = recorder();
    drawFrame(frame(r.ctx, boxes));
    expect(r.outlines).toEqual([100]);
    expect(r.texts.some((t) => t.includes('Get Started!'))).toBe(false);
  });
});
