import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '@heatlens/collector';
import { OWNER_MARK } from '@heatlens/schema/constants';
import { closeAll } from '@heatlens/testkit/close-all';
import {
  configure,
  extensionWorker,
  openPopup,
  prepareTestExtension,
  switchOverlayOn,
  tabIdOf,
} from '@heatlens/testkit/extension-e2e';
import { hasChromium, launchWithExtension } from '@heatlens/testkit/chromium';
import { DEFAULT_SETTINGS } from '../packages/extension/src/settings.js';

// An automatic capture (the option is on by default) pins the page while it takes its frames:
// sticky boxes unstuck, the overlay hidden, smooth scrolling off. Afterwards the page must be
// exactly as it was: an element that had no `style` attribute has none (not `style=""`), however
// many times the overlay was shown while a capture ran. Real Chromium, built extension, real collector.

const TOKEN = 'identity-test-token-0123456789';
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>identity</title>
<style>body{margin:0;font:16px sans-serif} header{position:sticky;top:0;height:56px;background:#223;color:#fff}
main{height:2400px;padding:24px;background:linear-gradient(#eef,#fee)}</style></head>
<body class="theme"><header id="top"><a href="/">Home</a> <a href="/about">About</a></header>
<main><h1>A page with a sticky header</h1><button id="buy">Buy</button></main></body></html>`;

/** What a capture must give back: the attributes of `<html>` (but the owner mark) and `<body>`, and the header. */
function domIdentity(page: Page): Promise<string> {
  return page.evaluate((mark) => {
    const attrs = (el: Element) =>
      [...el.attributes]
        .filter((a) => a.name !== mark)
        .map((a) => `${a.name}=${JSON.stringify(a.value)}`)
        .join(' ');
    return [
      `html ${attrs(document.documentElement)}`,
      `body ${attrs(document.body)}`,
      document.getElementById('top')!.outerHTML,
    ].join('\n');
  }, OWNER_MARK);
}

describe.runIf(hasChromium)('an automatic capture gives the page back exactly', () => {
  let collector: Collector;
  let files: Server;
  let origin: string;
  let ext: ReturnType<typeof prepareTestExtension>;
  let context: BrowserContext & { dispose(): Promise<void> };
  let worker: Worker;
  let id: string;

  const captures = async (path: string) => {
    const url = new URL(`/api/captures?site=demo&path=${encodeURIComponent(path)}`, collector.url);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    return ((await res.json()) as { captures: unknown[] }).captures.length;
  };

  beforeAll(async () => {
    files = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      sites: [{ id: 'demo', origins: [origin], readToken: TOKEN }],
    });
    // `<all_urls>` stands in for the `activeTab` grant a click on the toolbar button gives.
    ext = prepareTestExtension({ hosts: ['<all_urls>'] });
    context = await launchWithExtension(ext.dir, { viewport: { width: 1280, height: 720 } });
    ({ worker, id } = await extensionWorker(context));
    await configure(context, id, collector.url, TOKEN);
    // The option as an owner has it: on (the rigs turn it off).
    await worker.evaluate(() => chrome.storage.local.set({ autoCapture: true }));
  });

  afterAll(async () => {
    await closeAll(
      context && { close: () => context.dispose() },
      files && { close: () => new Promise<void>((resolve) => files.close(() => resolve())) },
      collector,
    );
    ext?.dispose();
  });

  it('leaves no style attribute on <html> or the sticky header after a capture on show', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/one`);
    const before = await domIdentity(page);
    expect(before).not.toMatch(/style/);
    await switchOverlayOn(context, worker, id, page, { kind: 'move' });
    await expect.poll(() => captures('/one'), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => domIdentity(page), { timeout: 10_000 }).toBe(before);
    // And it stays so: nothing of the capture is left to run.
    await page.waitForTimeout(2_000);
    expect(await domIdentity(page)).toBe(before);
    await page.close();
  }, 180_000);

  it('takes one capture and gives the page back when the overlay is shown twice in quick succession', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/two`);
    const before = await domIdentity(page);
    const tabId = await tabIdOf(worker, page);
    const popup = await openPopup(context, id, tabId);
    // Two shows at once (the popup's toggle, then a setting changed at once): two automatic captures asked for.
    await popup.evaluate(
      async ([tabId, settings]) => {
        const on = (kind: string) =>
          chrome.runtime.sendMessage({
            type: 'overlay:on',
            tabId,
            site: 'demo',
            path: '/two',
            settings: { ...(settings as object), kind },
          });
        await Promise.all([on('move'), on('click')]);
      },
      [tabId, DEFAULT_SETTINGS] as const,
    );
    await popup.close();
    await page.bringToFront();
    await expect.poll(() => captures('/two'), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => domIdentity(page), { timeout: 10_000 }).toBe(before);
    await page.waitForTimeout(5_000); // a second capture, had one begun, would have run by now
    expect(await captures('/two')).toBe(1);
    expect(await domIdentity(page)).toBe(before);
    await page.close();
  }, 180_000);
});
