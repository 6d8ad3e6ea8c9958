import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector, type SiteConfig } from '@heatlens/collector';
import { configure, extensionWorker, openPopup, prepareTestExtension, tabIdOf } from '@heatlens/testkit/extension-e2e';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchWithExtension } from '@heatlens/testkit/chromium';

// The popup's window picker follows the site's retentionDays (from /api/sites), with the real
// extension in Chromium: for a 30-day site 90 d and 365 d are listed but disabled, each saying
// the retention it needs and the site's in its title; for a 400-day site every window is offered.
// Each site is a page of its own origin (two local servers, the test extension grants 127.0.0.1).

const TOKEN = 'popup-windows-read-token-0123';
const IMG = fileURLToPath(new URL('../docs/img/', import.meta.url));

/** A local page server on port 0: its origin is a site's. */
async function pageServer(title: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>${title}</title><h1>${title}</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.runIf(hasChromium)("the popup's window picker and the site's retention", { timeout: 120_000 }, () => {
  let collector: Collector;
  let pages: Array<{ server: Server; url: string }>;
  let ext: ReturnType<typeof prepareTestExtension>;
  let context: BrowserContext & { dispose(): Promise<void> };
  let worker: Worker;
  let id: string;

  beforeAll(async () => {
    mkdirSync(IMG, { recursive: true });
    pages = [await pageServer('Month'), await pageServer('Archive')];
    const sites: SiteConfig[] = [
      { id: 'month', origins: [pages[0]!.url], readToken: TOKEN },
      { id: 'archive', origins: [pages[1]!.url], readToken: TOKEN, retentionDays: 400 },
    ];
    collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', sites });
    ext = prepareTestExtension();
    context = await launchWithExtension(ext.dir);
    ({ worker, id } = await extensionWorker(context));
    expect((await configure(context, id, collector.url, TOKEN)).sort()).toEqual(['archive', 'month']);
  });

  afterAll(async () => {
    await context?.dispose();
    ext?.dispose();
    for (const p of pages ?? []) await new Promise((resolve) => p.server.close(resolve));
    await collector?.close();
  });

  /** The popup of a tab at `url`, sized as the browser shows it (its body's width). */
  async function popupFor(url: string): Promise<Page> {
    const tab = await context.newPage();
    await tab.goto(url + '/');
    const popup = await openPopup(context, id, await tabIdOf(worker, tab));
    const size = await popup.evaluate(() => ({
      w: Math.ceil(document.body.getBoundingClientRect().width + 16),
      h: Math.ceil(document.documentElement.scrollHeight),
    }));
    await popup.setViewportSize({ width: size.w, height: Math.max(300, size.h) });
    return popup;
  }

  const options = (popup: Page) =>
    popup.$$eval('#window option', (xs) =>
      xs.map((x) => {
        const o = x as HTMLOptionElement;
        return { value: o.value, text: o.textContent, disabled: o.disabled, title: o.title };
      }),
    );

  /** The picker opened as a list (a native drop-down is not in a screenshot), then the picture. */
  async function shoot(popup: Page, name: string) {
    await popup.evaluate(() => {
      const s = document.getElementById('window') as HTMLSelectElement;
      s.size = s.options.length;
    });
    const h = await popup.evaluate(() => document.documentElement.scrollHeight);
    await popup.setViewportSize({ width: popup.viewportSize()!.width, height: h });
    await popup.screenshot({ path: `${IMG}${name}` });
  }

  it('a 30-day site: 90 d and 365 d listed, disabled, each with the reason', async () => {
    const popup = await popupFor(pages[0]!.url);
    await expect
      .poll(async () => (await options(popup)).filter((o) => o.disabled).map((o) => o.value))
      .toEqual(['90d', '365d']);
    const all = await options(popup);
    expect(all.map((o) => o.value)).toEqual(['5m', '1h', '24h', '30d', '90d', '365d']);
    const off = all.filter((o) => o.disabled);
    expect(off.map((o) => o.text)).toEqual(['90 d (needs 90-day retention)', '365 d (needs 365-day retention)']);
    for (const o of off) expect(o.title).toBe('This site keeps 30 days of history (retentionDays)');
    expect(await popup.$eval('#window', (s) => (s as HTMLSelectElement).value)).not.toMatch(/^(90d|365d)$/);
    await shoot(popup, 'popup-windows-30d.png');
    await popup.close();
  });

  it('a 400-day site: every window offered, 365 d can be chosen', async () => {
    const popup = await popupFor(pages[1]!.url);
    await expect.poll(async () => (await options(popup)).filter((o) => o.disabled).length).toBe(0);
    const all = await options(popup);
    expect(all.map((o) => o.text)).not.toContain('90 d (needs 90-day retention)');
    expect(all.every((o) => o.title === '')).toBe(true);
    await popup.selectOption('#window', '365d');
    expect(await popup.$eval('#window', (s) => (s as HTMLSelectElement).value)).toBe('365d');
    await shoot(popup, 'popup-windows-400d.png');
    await popup.close();
  });
});
