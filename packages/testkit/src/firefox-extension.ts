/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';

/**
 * The built Firefox folder (`pnpm build` writes it), installed as it ships, no manifest change; or
 * `HEATLENS_FIREFOX_BUILD`, another build to try the suite on (a scratch copy, a release candidate).
 */
export const FIREFOX_BUILD =
  process.env.HEATLENS_FIREFOX_BUILD || fileURLToPath(new URL('../../extension/dist/firefox', import.meta.url));

/** The extension in a running Firefox, as `launchFirefoxWithExtension` resolves it. */
export type FirefoxExtension = { browser: Browser; extensionUrl(file: string): string };

type WebExtensions = {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(id: number, message: unknown): Promise<unknown>;
  };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  storage: { local: { set(items: object): Promise<void> } };
};

/**
 * Open one of the extension's pages (`options.html`, `popup.html?tab=1`) in a new tab and resolve
 * once `ready` (a selector) is in it. Firefox does not report the load event of `moz-extension://`
 * pages over BiDi, so the navigation is not awaited: the page's content is.
 */
export async function openExtensionPage(
  ext: FirefoxExtension,
  file: string,
  ready: string,
  timeoutMs = 15_000,
): Promise<Page> {
  const page = await ext.browser.newPage();
  page.goto(ext.extensionUrl(file), { timeout: 0 }).catch(() => {});
  // Polled rather than `waitForSelector`: a query made while the page replaces about:blank can
  // fail with a protocol error; the next one finds the new document.
  const deadline = Date.now() + timeoutMs;
  while (!(await page.$(ready).catch(() => null))) {
    if (Date.now() > deadline) throw new Error(`${file}: no ${ready} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return page;
}

/**
 * Configure the extension through its options page, as an owner does: the collector URL and read
 * token, then "Save and test connection", which asks for the collector's origin (granted without a
 * prompt under the launcher's prefs). Resolves with the listed site ids.
 */
export async function configureFirefox(ext: FirefoxExtension, collectorUrl: string, token: string): Promise<string[]> {
  const page = await openExtensionPage(ext, 'options.html', '#collector-url');
  await page.type('#collector-url', collectorUrl);
  await page.type('#token', token);
  await page.click('#test');
  await page.waitForSelector('#sites li', { timeout: 10_000 });
  const sites = await page.$$eval('#sites li', (els) => els.map((el) => (el as HTMLElement).dataset.site ?? ''));
  // No capture unless a suite asks for one, as the Chromium rig's `configure`.
  await page.evaluate(() =>
    (globalThis as unknown as { browser: WebExtensions }).browser.storage.local.set({ autoCapture: false }),
  );
  await page.close();
  return sites;
}

// The functions below run in `control`, an open page of the extension, where the WebExtension API
// is (Firefox runs the background as an event page, which tests cannot evaluate in as they do in
// Chromium's service worker). Each is sent as source text: self-contained.

/** The browser's id of the tab showing `page` (the popup needs it in `?tab=`). */
export async function firefoxTabIdOf(control: Page, page: Page): Promise<number> {
  const url = page.url().split('#')[0]!;
  const ids = await control.evaluate(async (u: string) => {
    const api = (globalThis as unknown as { browser: WebExtensions }).browser;
    // Firefox's match patterns take no port: compare the URLs the host permission lets it see.
    return (await api.tabs.query({})).filter((t) => t.url?.split('#')[0] === u).map((t) => t.id);
  }, url);
  if (ids.length !== 1 || ids[0] === undefined) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
  return ids[0];
}

/** The origins the extension holds now (`permissions.getAll`). */
export function grantedOrigins(control: Page): Promise<string[]> {
  return control.evaluate(async () => {
    const api = (globalThis as unknown as { browser: WebExtensions }).browser;
    return (await api.permissions.getAll()).origins ?? [];
  });
}

/** Send `message` to the content script of tab `tabId`: `answered <reply>` or `no receiver: <error>`. */
export function messageTab(control: Page, tabId: number, message: unknown): Promise<string> {
  return control.evaluate(
    async (id: number, m: unknown) => {
      const api = (globalThis as unknown as { browser: WebExtensions }).browser;
      return api.tabs.sendMessage(id, m).then(
        (reply) => `answered ${JSON.stringify(reply)}`,
        (e: Error) => `no receiver: ${e.message}`,
      );
    },
    tabId,
    message,
  );
}
