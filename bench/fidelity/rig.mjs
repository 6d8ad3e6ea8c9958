// The fidelity benchmark's rig: a collector (memory store), a server for the benchmark's pages,
// the demo shop, visitors in plain Chromium and the owner in Chromium with the built extension.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const executablePath = process.env.CHROMIUM_PATH || execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();

const listen = (server) =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));

/** Serves `/<run>/<page>` as that page's HTML with the SDK's script tag pointing at `collectorUrl`. */
async function startPageServer(pages, collectorUrl) {
  const sdk = `<script src="${collectorUrl}/sdk.js" data-site="demo" data-flush-ms="1000" defer></script>`;
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://x').pathname.split('/')[2];
    const page = pages.find((p) => p.name === name && p.html);
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page.html(sdk));
  });
  const url = await listen(server);
  return { url, close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) };
}

/** Everything the benchmark drives, and `close()`. */
export async function startRig(pages) {
  const cleanup = [];
  const close = async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  };
  const { startCollector } = await import(join(ROOT, 'packages/collector/dist/index.js'));
  const { startShop } = await import(join(ROOT, 'examples/shop/server.mjs'));
  const collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent' });
  cleanup.push(() => collector.close());
  const token = collector.sites[0].readToken;
  const site = await startPageServer(pages, collector.url);
  cleanup.push(() => site.close());
  const shop = await startShop({ port: 0, collectorUrl: collector.url });
  cleanup.push(() => shop.close());

  const dir = mkdtempSync(join(tmpdir(), 'heatlens-fidelity-ext-'));
  cpSync(join(ROOT, 'packages/extension/dist/chrome'), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['http://127.0.0.1/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const profile = mkdtempSync(join(tmpdir(), 'heatlens-fidelity-profile-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(async () => rmSync(profile, { recursive: true, force: true }));
  const owner = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  cleanup.push(() => owner.close());
  const worker = owner.serviceWorkers()[0] ?? (await owner.waitForEvent('serviceworker'));
  const extId = new URL(worker.url()).host;
  const options = await owner.newPage();
  await options.goto(`chrome-extension://${extId}/options.html`);
  await options.fill('#collector-url', collector.url);
  await options.fill('#token', token);
  await options.click('#test');
  await options.waitForSelector('#sites li', { timeout: 15_000 });
  await options.close();
  const visitors = await chromium.launch({ executablePath, headless: true, args: ARGS });
  cleanup.push(() => visitors.close());

  /** URL of a page for one run (`run` keeps runs apart: each is its own page path). */
  const urlOf = (page, run) => (page.shopPath ? shop.url + page.shopPath : `${site.url}/${run}/${page.name}`);

  return {
    collector,
    token,
    urlOf,
    close,
    /** A visitor's tab at `width` x 800 whose link clicks do not navigate away. */
    async visitor(width) {
      const context = await visitors.newContext({ viewport: { width, height: 800 } });
      await context.addInitScript(() =>
        document.addEventListener(
          'click',
          (e) => e.target instanceof Element && e.target.closest('a') && e.preventDefault(),
          true,
        ),
      );
      return { page: await context.newPage(), close: () => context.close() };
    },
    /** The owner's tab at `url` and `width` x 800 with the click overlay on (all widths, no count labels). */
    async ownerTab(url, width) {
      const tab = await owner.newPage();
      await tab.setViewportSize({ width, height: 800 });
      await tab.goto(url);
      const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, tab.url());
      const popup = await owner.newPage();
      await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
      await popup.waitForSelector('#controls:not([hidden])');
      await popup.selectOption('#seg', 'all');
      await popup.selectOption('#kind', 'click');
      if (await popup.isChecked('#counts').catch(() => false)) await popup.uncheck('#counts');
      await popup.click('#overlay-toggle');
      await popup.waitForSelector('#overlay-toggle[aria-pressed=true]');
      await popup.close();
      await tab.bringToFront();
      await tab.waitForFunction(
        () => document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas')?.width > 0,
        null,
        { timeout: 15_000 },
      );
      return tab;
    },
    /** Resolves once the collector's click heatmap of `path` holds at least `n` clicks. */
    async waitForClicks(path, n) {
      const q = new URLSearchParams({ site: 'demo', path, kind: 'click', window: '5m', seg: 'all' });
      for (let i = 0; i < 100; i++) {
        const r = await fetch(`${collector.url}/api/heatmap?${q}`, { headers: { authorization: `Bearer ${token}` } });
        const total = r.ok ? (await r.json()).total : 0;
        if (total >= n) return total;
        await new Promise((res) => setTimeout(res, 200));
      }
      throw new Error(`collector has fewer than ${n} clicks on ${path}`);
    },
  };
}
