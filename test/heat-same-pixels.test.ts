import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { hasChromium } from '@heatlens/testkit/chromium';
import { frames, snapshot, startDrawRig, type DrawRig } from '@heatlens/testkit/draw-rig';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../packages/extension/src/settings.js';

// One heat renderer: the same snapshot in the same geometry drawn by the built extension's overlay
// (its content script, sent `overlay:draw` through the draw rig) and by the dashboard's renderer
// (packages/collector/dashboard/src/draw-heatmap.ts, bundled as the dashboard bundles it) must give
// the same heat pixels. The page is 1280 x 800 without scrolling, so the overlay's layout and the
// dashboard's page geometry (a capture of that page, its button's box recorded) are the same.

const DRAWER = fileURLToPath(new URL('../packages/collector/dashboard/src/draw-heatmap.ts', import.meta.url));
const BUY = { x: 500, y: 300, w: 200, h: 60 };
const PAGE = `<!doctype html><html><head><style>html, body { margin: 0; } body { height: 800px; }
  header { position: fixed; top: 0; left: 0; right: 0; height: 60px; background: #ddd; }
  #buy { position: absolute; left: ${BUY.x}px; top: ${BUY.y}px; width: ${BUY.w}px; height: ${BUY.h}px; }</style></head>
  <body><header>Top</header><button id="buy">Buy</button></body></html>`;

/** A click map with page tiles, fixed-layer tiles under the header and an element with its own cells. */
const SNAP = snapshot({
  kind: 'click',
  rows: 40,
  total: 31,
  max: 6,
  tiles: [
    [10, 5, 3],
    [11, 5, 6],
    [30, 20, 2],
    [45, 35, 4],
  ],
  fixed: [
    [5, 1, 3],
    [40, 1, 2],
  ],
  elements: [
    {
      sel: 'body>button#buy',
      count: 11,
      points: [
        [1, 1, 4],
        [2, 2, 5],
        [3, 0, 2],
      ],
    },
  ],
});

/** The heat canvas' pixels: the overlay's in its shadow root, or the dashboard's. */
type Pixels = { w: number; h: number; data: number[] };

describe.runIf(hasChromium)('one heat renderer: overlay and dashboard', () => {
  let rig: DrawRig;
  let bundle: string;

  beforeAll(async () => {
    rig = await startDrawRig({ pages: { '/p': PAGE, '/blank': '<!doctype html><body></body>' } });
    const out = await build({
      stdin: {
        contents:
          `import { createHeatDrawer } from ${JSON.stringify(DRAWER)};\n` +
          'window.__createHeatDrawer = createHeatDrawer;',
        resolveDir: fileURLToPath(new URL('../packages/collector/dashboard/src/', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      write: false,
      platform: 'browser',
    });
    bundle = out.outputFiles[0]!.text;
  });

  afterAll(() => rig?.close());

  it('draws the same snapshot to the same heat pixels', async () => {
    const settings = { ...DEFAULT_SETTINGS, kind: 'click' as const, counts: true };
    const { page, tabId } = await rig.open('/p', { width: 1280, height: 800 });
    await rig.draw(page, tabId, SNAP, settings);
    // Selectors resolve on a time budget per frame: a few more frames, so the element is drawn.
    for (let i = 0; i < 5; i++) await frames(page);
    const overlay: Pixels = await page.evaluate(() => {
      const c = document
        .getElementById('heatlens-overlay')!
        .shadowRoot!.getElementById('heatlens-canvas') as HTMLCanvasElement;
      return { w: c.width, h: c.height, data: [...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data] };
    });

    const dash = await rig.context.newPage();
    await dash.setViewportSize({ width: 1280, height: 800 });
    await dash.goto(rig.url + '/blank');
    await dash.addScriptTag({ content: bundle });
    const drawn: Pixels = await dash.evaluate(
      ([snap, box, style]) => {
        const heat = document.createElement('canvas');
        const labels = document.createElement('canvas');
        const make = (window as unknown as { __createHeatDrawer: (...a: unknown[]) => { draw(...a: unknown[]): void } })
          .__createHeatDrawer;
        const g = {
          width: 1280,
          height: 800,
          viewHeight: 800,
          elements: [{ sel: 'body>button#buy', name: 'Buy', box: [box.x, box.y, box.w, box.h] }],
        };
        make({ heat, labels }, style).draw(snap, g, 1);
        const data = heat.getContext('2d')!.getImageData(0, 0, heat.width, heat.height).data;
        return { w: heat.width, h: heat.height, data: [...data] };
      },
      [SNAP, BUY, { opacity: settings.opacity, counts: settings.counts, radius: settings.radius }] as const,
    );

    expect([drawn.w, drawn.h]).toEqual([overlay.w, overlay.h]);
    let heated = 0;
    let differ = 0;
    for (let i = 3; i < overlay.data.length; i += 4) {
      if (overlay.data[i]! > 0) heated++;
      if (overlay.data.slice(i - 3, i + 1).some((v, k) => v !== drawn.data[i - 3 + k])) differ++;
    }
    console.log(`same pixels: ${heated} heat pixels, ${differ} differ (of ${overlay.w} x ${overlay.h})`);
    expect(heated).toBeGreaterThan(500); // page tiles, the fixed layer and the element all drew
    expect(differ).toBe(0);
    await dash.close();
    await page.close();
  });
});
