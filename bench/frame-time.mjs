#!/usr/bin/env node
// Frame time of the extension's overlay in Chromium (tile layout v2, smooth heat), on the demo
// shop's long /guide page at a full 1280x800 viewport with EVERY page tile of the page filled
// (50 columns x all rows of 20 px), a full fixed-layer header row, and for clicks the 20 listed
// elements, ten of them with selectors a visitor could make slow (`:has(* * ... b)`), which the
// overlay must refuse. Budget: a full-viewport frame <= 4 ms p95.
//   - snapshot frame: a new snapshot (selectors resolved, heat rendered, drawn);
//   - scroll frame: the redraw on scroll (heat re-rendered at today's scroll).
// Snapshots are crafted and sent through the extension's own `overlay:draw` message (no
// collector: this measures the overlay alone). Times are taken inside the content script
// (performance.now(), 0.1 ms resolution in Chromium) and read from the overlay canvas's data
// attributes. The first WARMUP snapshot frames of each kind are drawn but not counted: they are
// the content script's first runs (V8 compiles and optimises the kernel's loops then; the first
// two measured 10-20 ms), once per injection, not the overlay's steady frame. Run after
// `pnpm build`: `node bench/frame-time.mjs`. Prints, never asserts. With `--profile`, the flat-form
// snapshot frames run under the CDP sampling profiler (0.1 ms interval) of the page's renderer,
// which writes .artifacts/profiles/frame-time-<kind>.cpuprofile and prints the functions with the
// most self time (GC included) over those frames; their own figures are then the profiler's too.
import { percentile } from '@heatlens/testkit/overlay-rig';
import { snapshot, startDrawRig, frames } from '@heatlens/testkit/draw-rig';
import { mkdirSync, writeFileSync } from 'node:fs';

const VIEWPORT = { width: 1280, height: 800 };
const WARMUP = 5;
// Snapshot frames counted per kind and form: with 60, p95 was the third-slowest frame and moved by
// 3 ms between identical runs; 200 make it the tenth.
const FRAMES = 200;
const PROFILE = process.argv.includes('--profile');
const { startShop } = await import('../examples/shop/server.mjs');
const shop = await startShop({ port: 0, collectorUrl: 'http://127.0.0.1:9' });
const rig = await startDrawRig({ baseUrl: shop.url });
const settings = { kind: 'move', window: '5m', seg: 'all', opacity: 0.6, counts: true, radius: 16 };

try {
  const { page, tabId } = await rig.open('/guide', VIEWPORT);
  const [w, h] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.scrollHeight,
  ]);
  const rows = Math.ceil(h / 20);
  /** Every tile of the page, with uneven counts so the palette spans its range; `seed` varies them. */
  const full = (kind, seed) => {
    const tiles = [];
    for (let ty = 0; ty < rows; ty++)
      for (let tx = 0; tx < 50; tx++) tiles.push([tx, ty, 1 + ((tx * 7 + ty * 13 + seed) % 6)]);
    const fixed = [];
    for (let tx = 0; tx < 50; tx++) fixed.push([tx, 1, 1 + ((tx + seed) % 4)]);
    const elements = [];
    for (let i = 0; i < 10; i++) elements.push({ sel: `:has(${'* '.repeat(40)}b)`, count: 3, points: [[5, 5, 3]] });
    for (let i = 0; i < 10; i++)
      elements.push({
        sel: `main>p:nth-of-type(${i + 1})`,
        count: 2,
        points: [
          [2, 3, 1],
          [7, 6, 1],
        ],
      });
    return snapshot({
      kind,
      path: '/guide',
      rows,
      total: tiles.length * 3,
      max: 6,
      tiles,
      fixed,
      ...(kind === 'click' ? { elements } : {}),
    });
  };
  const canvasData = (key) =>
    page.evaluate(
      (k) =>
        Number(document.getElementById('heatlens-overlay').shadowRoot.getElementById('heatlens-canvas').dataset[k]),
      key,
    );

  // `tuples`: page tiles as [tx, ty, n] arrays (what the background sent before heatlens.v2);
  // `flat`: one [tx, ty, n, ...] array (what it sends now). Both in the same run.
  const FORMS = { tuples: (s) => s, flat: (s) => ({ ...s, tiles: s.tiles.flat() }) };
  const results = {};
  const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
  for (const [form, shape] of Object.entries(FORMS))
    for (const kind of ['move', 'click']) {
      const snapshotMs = [];
      const profiling = cdp && form === 'flat';
      for (let i = -WARMUP; i < FRAMES; i++) {
        if (profiling && i === 0) await startProfile(cdp);
        await rig.draw(page, tabId, shape(full(kind, i + WARMUP)), { ...settings, kind });
        if (i >= 0) snapshotMs.push(await canvasData('snapshotMs'));
      }
      if (profiling) await stopProfile(cdp, kind);
      const scrollMs = await page.evaluate(async () => {
        const canvas = document.getElementById('heatlens-overlay').shadowRoot.getElementById('heatlens-canvas');
        const out = [];
        const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
        for (let i = 1; i <= 300; i++) {
          window.scrollTo(0, (i * 37) % (document.documentElement.scrollHeight - innerHeight));
          await frame();
          await frame();
          out.push(Number(canvas.dataset.frameMs));
        }
        return out;
      });
      await page.evaluate(() => scrollTo(0, 0));
      await frames(page);
      results[`${kind} ${form}`] = { snapshotMs, scrollMs };
    }
  const row = (name, ms) =>
    `  ${name.padEnd(22)} n=${String(ms.length).padStart(3)}` +
    `   p50 ${percentile(ms, 50).toFixed(2)} ms   p95 ${percentile(ms, 95).toFixed(2)} ms` +
    `   max ${Math.max(...ms).toFixed(2)} ms`;
  console.log(
    `overlay frame time in Chromium, /guide (${w}x${h} px, ${rows * 50} page tiles + 50 fixed, ` +
      `viewport ${VIEWPORT.width}x${VIEWPORT.height}, smooth heat at 1/4 scale; ` +
      `first ${WARMUP} snapshot frames of each kind not counted)`,
  );
  for (const key of Object.keys(results)) {
    console.log(row(`${key} snapshot frame`, results[key].snapshotMs));
    console.log(row(`${key} scroll frame`, results[key].scrollMs));
  }
  const p95 = Math.max(
    ...[results['move flat'], results['click flat']].flatMap((r) => [
      percentile(r.snapshotMs, 95),
      percentile(r.scrollMs, 95),
    ]),
  );
  console.log(
    `  budget: a full-viewport frame <= 4 ms (p95): ${p95 <= 4 ? 'met' : 'MISSED'} (worst p95 ${p95.toFixed(2)} ms)`,
  );
  // Last line, JSON, for bench/run.mjs's summary.
  const summary = (ms) => ({ n: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) });
  console.log(
    JSON.stringify({
      bench: 'frame-time',
      snapshot: summary([...results['move flat'].snapshotMs, ...results['click flat'].snapshotMs]),
      scroll: summary([...results['move flat'].scrollMs, ...results['click flat'].scrollMs]),
      budgetMs: 4,
    }),
  );
} finally {
  await rig.close();
  await shop.close();
}

async function startProfile(cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}

/** Stop the profiler, write the profile, print the top self times (ms over the FRAMES frames). */
async function stopProfile(cdp, kind) {
  const { profile } = await cdp.send('Profiler.stop');
  const dir = new URL('../.artifacts/profiles/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`frame-time-${kind}.cpuprofile`, dir), JSON.stringify(profile));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  });
  const top = [...self]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);
  console.log(`profile, ${kind} snapshot frames (self ms over ${FRAMES} frames):`);
  for (const [k, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)}  ${k}`);
}
