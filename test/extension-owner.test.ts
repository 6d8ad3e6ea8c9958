import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_MARK } from '@heatlens/schema';
import { configure, extensionWorker, openPopup, prepareTestExtension, tabIdOf } from '@heatlens/testkit/extension-e2e';
import { startShopSite, type ShopSite } from './support/shop-site.js';
import { hasChromium, launchChromium, launchWithExtension } from '@heatlens/testkit/chromium';

// The owner's own browsing is never counted, with the real extension loaded in Chromium: with
// the site's origin granted and "Don't count my visits" on (the default), every tab of the site
// in the owner's browser sends nothing, while a visitor's browser is counted; with the option
// off, the owner's tab is counted until the overlay is on in it. The popup says which.

describe.runIf(hasChromium)("the owner's visits are not counted", () => {
  let site: ShopSite;
  let ext: ReturnType<typeof prepareTestExtension>;
  let owner: BrowserContext & { dispose(): Promise<void> };
  let visitors: Browser;
  let worker: Worker;
  let id: string;

  /** A tab of the owner's browser at `path`, with every /collect request it makes counted. */
  const ownerTab = async (path: string) => {
    const page = await owner.newPage();
    const posts: string[] = [];
    page.on('request', (r) => r.method() == 'POST' && r.url().endsWith('/collect') && posts.push(r.postData() ?? ''));
    await page.goto(site.shop.url + path);
    // The script tag's SDK has started (it is deferred).
    await page.waitForFunction(() => !!(window as { heatlens?: unknown }).heatlens);
    return { page, posts };
  };

  /** A visitor in a browser of their own opens `path`; resolves once the page view is counted. */
  const visit = async (path: string, views: number) => {
    const context = await visitors.newContext();
    const page = await context.newPage();
    await page.goto(site.shop.url + path);
    await expect.poll(async () => (await site.stats(path)).views, { timeout: 10_000 }).toBe(views);
    await context.close();
  };

  /** Sends what the tab has queued, as leaving the tab does (headless tabs never hide). */
  const hide = (page: Page) =>
    page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });

  /** The popup of the tab showing `page` says "This browser is not counted" (or not). */
  const saysNotCounted = async (page: Page, shown: boolean) => {
    const popup = await openPopup(owner, id, await tabIdOf(worker, page));
    // The line is filled in once the option and the grant are read.
    if (!shown) await popup.waitForTimeout(300);
    await expect.poll(() => popup.isVisible('#owner')).toBe(shown);
    if (shown) expect(await popup.textContent('#owner')).toMatch(/^This browser is not counted/);
    await popup.close();
  };

  beforeAll(async () => {
    site = await startShopSite();
    // The test extension's manifest grants http://127.0.0.1/* (the shop's origin, any port).
    ext = prepareTestExtension();
    owner = await launchWithExtension(ext.dir);
    ({ worker, id } = await extensionWorker(owner));
    visitors = await launchChromium();
    expect(await configure(owner, id, site.collector.url, site.token)).toEqual(['demo']);
  });

  afterAll(async () => {
    await owner?.dispose();
    await visitors?.close().catch(() => {});
    ext?.dispose();
    await site?.close();
  });

  it('"Don\'t count my visits" on by default, origin granted: the owner sends nothing, a visitor counts', async () => {
    const { page, posts } = await ownerTab('/guide');
    expect(await page.evaluate((m) => document.documentElement.hasAttribute(m), OWNER_MARK)).toBe(true);
    await page.mouse.click(200, 300);
    await page.mouse.move(300, 300, { steps: 5 });
    await visit('/guide', 1);
    await page.evaluate(() => (window as { heatlens?: { flush(): void } }).heatlens?.flush());
    await hide(page);
    // The visitor's view arrived after the owner's tab opened; the owner's final flush is in too.
    await visit('/guide', 2);
    expect(posts).toEqual([]);
    expect((await site.stats('/guide')).views).toBe(2);
    await saysNotCounted(page, true);
    await page.close();
  });

  it("with the option off the owner's tab is counted, until the overlay is on in that tab", async () => {
    const options = await owner.newPage();
    await options.goto(`chrome-extension://${id}/options.html`);
    await options.uncheck('#dont-count');
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.storage.local.get('dontCount')).dontCount))
      .toBe(false);
    await options.close();
    // The background unregisters the page mark: new pages of the site are counted again.
    await expect
      .poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length))
      .toBe(0);

    const { page, posts } = await ownerTab('/signup');
    expect(await page.evaluate((m) => document.documentElement.hasAttribute(m), OWNER_MARK)).toBe(false);
    await expect.poll(async () => (await site.stats('/signup')).views).toBe(1);
    await saysNotCounted(page, false);

    // The overlay on: this tab is the owner's now, nothing more leaves it.
    const popup = await openPopup(owner, id, await tabIdOf(worker, page));
    await popup.click('#overlay-toggle');
    await expect.poll(() => popup.getAttribute('#overlay-toggle', 'aria-pressed')).toBe('true');
    await popup.close();
    await page.bringToFront();
    await expect.poll(() => page.evaluate((m) => document.documentElement.hasAttribute(m), OWNER_MARK)).toBe(true);
    const sent = posts.length;
    await page.mouse.click(200, 300);
    await page.evaluate(() => (window as { heatlens?: { track(n: string): void } }).heatlens?.track('owner'));
    await hide(page);
    await visit('/signup', 2);
    expect(posts.length).toBe(sent);
    expect((await site.stats('/signup')).custom).toEqual([]);
    await saysNotCounted(page, true);

    // The overlay off: the page is as it was, and counted again.
    const off = await openPopup(owner, id, await tabIdOf(worker, page));
    await off.click('#overlay-toggle');
    await expect.poll(() => off.getAttribute('#overlay-toggle', 'aria-pressed')).toBe('false');
    await off.close();
    await expect.poll(() => page.evaluate((m) => document.documentElement.hasAttribute(m), OWNER_MARK)).toBe(false);
    await page.evaluate(() => {
      const h = (window as { heatlens?: { track(n: string): void; flush(): void } }).heatlens;
      h?.track('back');
      h?.flush();
    });
    await expect
      .poll(async () => (await site.stats('/signup')).custom)
      .toEqual([expect.objectContaining({ name: 'back' })]);
  });
});

declare const chrome: {
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
  scripting: { getRegisteredContentScripts(): Promise<unknown[]> };
};
