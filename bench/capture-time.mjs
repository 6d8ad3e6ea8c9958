// Time of a page capture in Chromium, from "Save this page for the dashboard" to the encoded
// picture (the upload not included): the 6,000 px test page (test/fixtures/capture-long.html) at
// 1280 x 720 (9 frames) and 390 x 844 at a device scale of 2 (8 frames), with the real collector
// in memory and the built extension. Prints each run, the median and the floor Chrome's quota sets
// (2 captureVisibleTab calls a second). Never asserts.
// Usage, after `pnpm build`: node bench/capture-time.mjs [runs=3]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { startCollector } from '../packages/collector/dist/index.js';
import { launchWithExtension } from '../packages/testkit/src/chromium.mjs';
import {
  configure,
  extensionWorker,
  openPopup,
  prepareTestExtension,
  tabIdOf,
} from '../packages/testkit/src/test-extension.mjs';

const RUNS = Number(process.argv[2] ?? 3);
const TOKEN = 'bench-capture-token-0123456789';
const page = readFileSync(new URL('../test/fixtures/capture-long.html', import.meta.url));
const files = createServer((req, res) => {
  if (req.url !== '/capture-long.html') return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html' }).end(page);
});
await new Promise((resolve) => files.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${files.address().port}`;
const collector = await startCollector({
  port: 0,
  host: '127.0.0.1',
  logLevel: 'silent',
  sites: [{ id: 'demo', origins: [origin], readToken: TOKEN }],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const { width, height, scale } of [
  { width: 1280, height: 720, scale: 1 },
  { width: 390, height: 844, scale: 2 },
]) {
  // `<all_urls>` stands in for the activeTab grant of a click on the toolbar button.
  const ext = prepareTestExtension({ hosts: ['<all_urls>'] });
  const context = await launchWithExtension(ext.dir, { viewport: { width, height }, deviceScaleFactor: scale });
  try {
    const { worker, id } = await extensionWorker(context);
    await worker.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
    await configure(context, id, collector.url, TOKEN);
    const tab = await context.newPage();
    await tab.goto(`${origin}/capture-long.html`);
    const times = [];
    let last = '';
    for (let i = 0; i < RUNS; i++) {
      // A run the extension refuses is printed, not thrown: the other figures still come.
      const popup = await openPopup(context, id, await tabIdOf(worker, tab));
      await popup.click('#capture-take');
      const done = await popup.waitForSelector('#capture-status[data-state=done], #capture-status[data-state=error]', {
        timeout: 180_000,
      });
      last = (await done.textContent()) ?? '';
      if ((await done.getAttribute('data-state')) !== 'done') {
        console.log(`capture at ${width} x ${height} (scale ${scale}), run ${i + 1}: refused: ${last}`);
        await popup.close();
        continue;
      }
      times.push(Number(await done.getAttribute('data-ms')));
      await popup.close();
    }
    if (!times.length) continue;
    const frames = Number(/(\d+) frames/.exec(last)?.[1] ?? 0);
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `capture of a 6,000 px page at ${width} x ${height} (scale ${scale}): ` +
        `${times.map(s).join(', ')}; median ${s(median(times))}; ` +
        `quota floor ${((frames - 1) / 2).toFixed(1)} s for ${frames} frames. Last: ${last}`,
    );
  } finally {
    await context.dispose();
    ext.dispose();
  }
}
await collector.close();
files.close();
