#!/usr/bin/env node
// Screenshots of the live dashboard at a laptop's and a phone's width, for the docs:
// `pnpm start`, `pnpm simulate`, then
//   node scripts/screenshot-dashboard.mjs '<dashboard URL with #token=…>' [--open /] [--out docs/img]
// writes dashboard-1280.png and dashboard-390.png (whole page, with the given page opened).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '@heatlens/testkit/chromium';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { open: { type: 'string', default: '/' }, out: { type: 'string', default: 'docs/img' } },
});
const url = positionals[0];
if (!url?.includes('#token=')) {
  console.error(
    "Usage: node scripts/screenshot-dashboard.mjs '<dashboard URL with #token=…>' [--open /path] [--out dir]",
  );
  process.exit(2);
}
const browser = await launchChromium();
try {
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(url);
    await page.waitForSelector('#pages-table tbody tr[data-path]');
    await page.click(`#pages-table tr[data-path=${JSON.stringify(values.open)}] [data-col="path"] button`);
    await page.waitForSelector('#page-stats [data-stat]');
    await page.waitForTimeout(800); // the chart and the heatmap draw on the next frame
    const file = join(values.out, `dashboard-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await browser.close();
}
