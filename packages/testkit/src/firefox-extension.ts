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

/**
 * Size `page`'s viewport (CSS px). Puppeteer's `setViewport` also sends BiDi's
 * `emulation.setScreenOrientationOverride`, which Firefox ESR 140 does not know ("unknown
 * command"); the viewport command it sends beside it does apply there, so on that error the size
 * is awaited in the page itself (within 5 s) instead.
 */
export async function setFirefoxViewport(page: Page, size: { width: number; height: number }): Promise<void> {
  try {
    await page.setViewport(size);
    return;
  } catch (error) {
    if (!/unknown command emulation\.setScreenOrientationOverride/.test(String(error))) throw error;
  }
  const deadline = Date.now() + 5000;
  for (;;) {
    const [w, h] = await page.evaluate(() => [innerWidth, innerHeight]);
    if (w === size.width && h === size.height) return;
    if (Date.now() > deadline) throw new Error(`viewport stayed ${w}x${h}, asked ${size.width}x${size.height}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Give the extension activeTab on tab `tabId`, as the owner's click on the toolbar button does:
 * Firefox's captureVisibleTab takes activeTab or an API permission `<all_urls>`, which an MV3
 * extension never holds (Firefox ESR 140: host permissions are origins only). A BiDi click in
 * `control` (an open page of the extension, in another window) calls `action.openPopup` for the
 * tab's window, which grants activeTab on the window's selected tab: `tabId` must be that one.
 */
export async function grantActiveTab(control: Page, tabId: number): Promise<void> {
  await control.evaluate(async (id: number) => {
    type Api = {
      tabs: { get(id: number): Promise<{ windowId: number; active: boolean }> };
      action: { openPopup(o: { windowId: number }): Promise<void> };
    };
    const api = (globalThis as unknown as { browser: Api }).browser;
    const tab = await api.tabs.get(id);
    if (!tab.active) throw new Error(`tab ${id} is not its window's selected tab`);
    const button = document.createElement('button');
    button.id = 'heatlens-test-action';
    button.textContent = 'action';
    button.addEventListener('click', () => {
      api.action.openPopup({ windowId: tab.windowId }).then(
        () => (button.dataset.done = 'ok'),
        (e: unknown) => (button.dataset.done = String(e)),
      );
    });
    document.body.append(button);
  }, tabId);
  await control.click('#heatlens-test-action');
  const answer = await control.waitForSelector('#heatlens-test-action[data-done]');
  const done = await answer!.evaluate((el) => (el as HTMLElement).dataset.done);
  if (done !== 'ok') throw new Error(`action.openPopup: ${done}`);
}
