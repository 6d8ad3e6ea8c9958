#!/usr/bin/env node
// The dashboard's page view over page captures, as a new site owner gets it, for the docs: two
// real third-party themes from the npm registry served offline (SB Admin 2, an admin dashboard,
// and Clean Blog) with the SDK's script tag added, the real collector with a sites file, visitor
// clicks and moves from Chromium at 1280 and 390 px, captures taken by the real extension's popup
// ("Save this page for the dashboard") at the same widths, then the page view screenshotted.
// Run after `pnpm build`: `node scripts/screenshot-captures.mjs [--out docs/img]`.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { launchChromium, launchWithExtension } from '@heatlens/testkit/chromium';
import { configure, extensionWorker, openPopup, prepareTestExtension, tabIdOf } from '@heatlens/testkit/test-extension';
import { offlineCdn, themeFile } from '@heatlens/testkit/themes';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/img' } } });
const TOKEN = 'owner-trial-read-token-0123456789';

// The site: the themes' files, with the SDK's script tag in every page's <head> (the collector's URL
// is filled in once it listens).
let collectorUrl = '';
const site = createServer((req, res) => {
  const theme = themeFile(req.url, `<script src="${collectorUrl}/sdk.js" data-site="themes" defer></script>`);
  if (!theme || theme.missing) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': theme.type }).end(theme.body);
});
await new Promise((r) => site.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${site.address().port}`;

// The collector, as the README runs it: a sites file listing the site's origin.
const dir = mkdtempSync(join(tmpdir(), 'heatlens-owner-'));
writeFileSync(join(dir, 'sites.json'), JSON.stringify([{ id: 'themes', origins: [origin], readToken: TOKEN }]));
const bin = new URL('../packages/collector/bin/heatlens-collector.js', import.meta.url);
const collector = spawn(process.execPath, [bin.pathname], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HEATLENS_SITES: join(dir, 'sites.json') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
collectorUrl = await new Promise((resolve, reject) => {
  collector.once('exit', (code) => reject(new Error(`collector exited ${code}`)));
  createInterface({ input: collector.stdout }).on('line', (line) => {
    const dashboard = line.match(/"dashboard":"([^"]+)\/"/)?.[1];
    if (dashboard) resolve(dashboard);
  });
});
console.log(`collector ${collectorUrl}, site ${origin}`);

/** Offline: a theme's CDN script from its npm package; fonts, icons and pictures are refused. */
const offline = (context) =>
  context.route(
    (u) => !u.href.startsWith(origin) && !u.href.startsWith(collectorUrl) && u.protocol.startsWith('http'),
    offlineCdn,
  );

// Pages and what visitors click on them (by width: the phone layouts hide some of them).
const PAGES = [
  {
    name: 'admin',
    path: '/sb-admin-2/index.html',
    clicks: {
      1280: [
        ['a.d-sm-inline-block', 6],
        ['#accordionSidebar a[href="charts.html"]', 4],
        ['#sidebarToggle', 2],
        ['.topbar input.form-control', 3],
        ['#userDropdown', 3],
        ['#alertsDropdown', 2],
      ],
      390: [
        ['#sidebarToggleTop', 5],
        ['#userDropdown', 2],
      ],
    },
  },
  {
    name: 'blog',
    path: '/clean-blog/index.html',
    clicks: {
      1280: [
        ['.post-preview a >> nth=0', 6],
        ['.post-preview a >> nth=1', 3],
        ['a.btn.text-uppercase', 4],
        ['#mainNav .nav-link >> nth=1', 2],
      ],
      390: [
        ['.navbar-toggler', 4],
        ['.post-preview a >> nth=0', 3],
      ],
    },
  },
];

// Visitors: real clicks and moves in plain Chromium (links are not followed, so one load sends all).
const browser = await launchChromium();
for (const p of PAGES) {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: width == 390 ? 844 : 800 } });
    await offline(context);
    await context.addInitScript(() =>
      addEventListener('click', (e) => e.target.closest?.('a[href]') && e.preventDefault(), true),
    );
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`  ${p.name} ${width} page error: ${e.message}`));
    await page.goto(origin + p.path);
    await page.waitForFunction(() => window.heatlens);
    for (const [sel, n] of p.clicks[width]) {
      const el = page.locator(sel).first();
      await el.scrollIntoViewIfNeeded();
      const box = await el.boundingBox();
      if (!box) throw new Error(`${p.name} ${width}: ${sel} is not visible`);
      for (let i = 0; i < n; i++) {
        // Moves towards the element, then a click a little off its centre.
        await page.mouse.move(box.x + box.width * (0.3 + 0.1 * i), box.y + box.height / 2, { steps: 8 });
        await page.mouse.click(box.x + box.width * (0.4 + 0.05 * i), box.y + box.height / 2);
        await page.waitForTimeout(1200); // apart, so no burst reads as a rage click
      }
    }
    if (p.name == 'admin' && width == 1280) await page.fill('.topbar input.form-control', 'my secret search');
    await page.evaluate(() => window.heatlens.flush());
    await page.waitForTimeout(500);
    await context.close();
  }
}

// The owner: the real extension, configured with the collector and the read token; one capture
// per page and width through the popup.
const ext = prepareTestExtension({ hosts: ['<all_urls>'] });
for (const [width, height] of [
  [1280, 720],
  [390, 844],
]) {
  const context = await launchWithExtension(ext.dir, { viewport: { width, height } });
  await offline(context);
  const { worker, id } = await extensionWorker(context);
  await worker.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
  const sites = await configure(context, id, collectorUrl, TOKEN);
  if (!sites.includes('themes')) throw new Error(`the extension lists ${sites}`);
  for (const p of PAGES) {
    const page = await context.newPage();
    await page.goto(origin + p.path);
    // The owner typed in the search box: a capture paints fields over.
    if (p.name == 'admin' && width == 1280) await page.fill('.topbar input.form-control', 'owner typed this');
    const popup = await openPopup(context, id, await tabIdOf(worker, page));
    const started = Date.now();
    await popup.click('#capture-take');
    const done = await popup.waitForSelector('#capture-status[data-state=done], #capture-status[data-state=error]', {
      timeout: 120_000,
    });
    console.log(`capture ${p.name} ${width}: ${await done.textContent()} (${Date.now() - started} ms)`);
    await popup.close();
    await page.close();
  }
  await context.dispose();
}
ext.dispose();

// The dashboard's page view, signed in with the read token, cropped to the page view.
const shots = [
  ['admin', 'click', 1280, 'capture-admin-clicks-1280.png'],
  ['admin', 'move', 1280, 'capture-admin-moves-1280.png'],
  ['admin', 'click', 390, 'capture-admin-390.png'],
  ['blog', 'click', 1280, 'capture-blog-clicks-1280.png'],
  ['blog', 'click', 390, 'capture-blog-390.png'],
];
try {
  for (const [name, kind, width, file] of shots) {
    const path = PAGES.find((p) => p.name == name).path;
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${collectorUrl}/#token=${TOKEN}`);
    await page.waitForSelector('#pages-table tbody tr[data-path]');
    await page.click(`#pages-table tr[data-path=${JSON.stringify(path)}] [data-col="path"] button`);
    await page.waitForSelector('#page-stats [data-stat]');
    await page.selectOption('#kind', kind);
    await page.selectOption('#seg', width == 390 ? 's' : 'l');
    await page.waitForSelector('#capture-img:not([hidden])', { timeout: 15_000 });
    await page.waitForTimeout(1000); // the heat draws on the next frame
    await page.locator('#page-view').screenshot({ path: join(values.out, file) });
    console.log(`wrote ${join(values.out, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  collector.kill();
  site.close();
}
