// The fidelity benchmark's rig: a collector (memory store), a server for the benchmark's pages,
// the demo shop, visitors in plain Chromium and the owner in Chromium with the built extension.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, launchWithExtension } from '@heatlens/testkit/chromium';
import { configure, extensionWorker, prepareTestExtension, switchOverlayOn } from '@heatlens/testkit/test-extension';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

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

  const ext = prepareTestExtension();
  cleanup.push(async () => ext.dispose());
  const owner = await launchWithExtension(ext.dir);
  cleanup.push(() => owner.dispose());
  const { worker, id: extId } = await extensionWorker(owner);
  await configure(owner, extId, collector.url, token, 15_000);
  const visitors = await launchChromium();
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
      await switchOverlayOn(owner, worker, extId, tab, { kind: 'click', counts: false });
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
