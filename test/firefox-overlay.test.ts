import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser as Chromium, Page as ChromiumPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_MARK } from '@heatlens/schema';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { hasFirefox, launchFirefoxWithExtension } from '@heatlens/testkit/firefox';
import {
  configureFirefox,
  FIREFOX_BUILD,
  firefoxTabIdOf,
  setFirefoxViewport,
  grantedOrigins,
  messageTab,
  openExtensionPage,
} from '@heatlens/testkit/firefox-extension';
import { boxIn, heatAlphaIn, legendIn } from '@heatlens/testkit/overlay-probes';
import { startShopSite, type ShopSite } from './support/shop-site.js';
import { KEEP_AWAKE_MS } from '../packages/extension/src/content/keep-awake.js';

// The extension as it ships for Firefox (dist/firefox, unchanged), in Debian's Firefox ESR over
// WebDriver BiDi, on the scenario of extension-overlay.test.ts: configured in its options page
// (which asks for the collector's origin), the overlay turned on and off from its popup, a
// visitor's clicks and moves (in a browser of their own) drawn as element heat and as the fixed
// layer, read back as pixels; and the owner's own visits not counted. What differs from Chromium is
// covered here: the background is an event page, which holds the /live socket and which Firefox
// suspends when idle (here after a few seconds), and the permission request is Firefox's.

const VIEWPORT = { width: 1280, height: 400 }; // the product page (657 px) scrolls in it
const ARTIFACTS = new URL('../.artifacts/', import.meta.url);
/** Generous bounds for a loaded machine; how fast a click arrives is printed, not asserted. */
const ARRIVAL_MS = 10_000;
/**
 * Firefox suspends an idle event page after `extensions.background.idle.timeout` (30 s by default);
 * shortened here (to a little more than the overlay's keep-awake period) so the suite sees whether
 * the overlay's socket outlives it.
 */
const IDLE_MS = KEEP_AWAKE_MS + 2_000;

describe.runIf(hasFirefox && hasChromium)('extension overlay in Firefox, end to end', () => {
  let site: ShopSite;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
  let visitors: Chromium;
  let control: Page; // an extension page kept open: the WebExtension API for the test's questions
  let owner: Page;
  let ownerTab: number;
  let ownerPosts: string[];
  let visitor: ChromiumPage;
  let before = '';

  /** The popup for the owner's tab (by its moz-extension:// URL), `pick` run in it, then closed. */
  const inPopup = async (pick: (popup: Page) => Promise<void>) => {
    const popup = await openExtensionPage(firefox, `popup.html?tab=${ownerTab}`, '#controls:not([hidden])');
    await pick(popup);
    await popup.close();
    await owner.bringToFront();
  };
  const pressed = (popup: Page) => popup.$eval('#overlay-toggle', (b) => b.getAttribute('aria-pressed'));

  beforeAll(async () => {
    site = await startShopSite();
    [firefox, visitors] = await Promise.all([
      launchFirefoxWithExtension(FIREFOX_BUILD, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } }),
      launchChromium(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await firefox?.dispose();
    await visitors?.close().catch(() => {});
    await site?.close();
  });

  it("is configured through its options page, which asks for and gets the collector's origin", async () => {
    expect(await configureFirefox(firefox, site.collector.url, site.token)).toEqual(['demo']);
    control = await openExtensionPage(firefox, 'options.html', '#collector-url');
    // Match patterns carry no port: the one grant covers the collector and the shop on loopback.
    expect(await grantedOrigins(control)).toEqual(['http://127.0.0.1/*']);
  });

  it("marks the owner's tab: the owner sends nothing, a visitor is counted", async () => {
    owner = await firefox.browser.newPage();
    await setFirefoxViewport(owner, VIEWPORT);
    ownerPosts = [];
    owner.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/collect') && ownerPosts.push(r.url()));
    await owner.goto(`${site.shop.url}/product/1`);
    await owner.waitForFunction(() => !!(window as { heatlens?: unknown }).heatlens);
    expect(await owner.evaluate((m) => document.documentElement.hasAttribute(m), OWNER_MARK)).toBe(true);
    await owner.mouse.click(200, 300);
    await owner.evaluate(() => (window as { heatlens?: { flush(): void } }).heatlens?.flush());
    ownerTab = await firefoxTabIdOf(control, owner);
    before = await owner.evaluate(() => document.documentElement.outerHTML);

    const context = await visitors.newContext({ viewport: VIEWPORT });
    visitor = await context.newPage();
    await visitor.goto(`${site.shop.url}/product/2`);
    await expect.poll(async () => (await site.stats('/product/1')).views, { timeout: ARRIVAL_MS }).toBe(1);
    expect(ownerPosts).toEqual([]);
    await inPopup(async (popup) => {
      await expect.poll(() => popup.$eval('#owner', (p) => (p as HTMLElement).hidden)).toBe(false);
    });
  });

  it('turns the overlay on from the popup: its canvas appears, the event page holds the socket', async () => {
    await inPopup(async (popup) => {
      await popup.select('#seg', 'all');
      await popup.select('#kind', 'click');
      await popup.click('#overlay-toggle');
      await expect.poll(() => pressed(popup)).toBe('true');
    });
    await expect.poll(() => owner.evaluate(legendIn).then((l) => l?.path)).toBe('/product/:id');
    const canvas = await owner.evaluate(() => {
      const c = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
      return c ? { w: (c as HTMLCanvasElement).width, h: (c as HTMLCanvasElement).height } : null;
    });
    expect(canvas?.w).toBeGreaterThan(0);
    expect(canvas?.h).toBeGreaterThan(0);
    // "All widths": the map's socket and the tab's own width's (its tiles are the ones drawn).
    expect(await site.liveViewers()).toBe(2);
    // Idle well past the event page's timeout: the socket (and so the live overlay) is still there.
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 2_000));
    expect(await site.liveViewers()).toBe(2);
  });

  it("draws a visitor's click inside the clicked element as it arrives (the delay printed)", async () => {
    const box = (await owner.evaluate(boxIn, '#add-to-cart'))!;
    expect(await owner.evaluate(heatAlphaIn, box)).toBe(0);
    // The visitor's SDK now flushes at the live pace: the collector knows an owner watches.
    const flush = visitor.waitForResponse((r) => r.url().endsWith('/collect') && r.status() === 204);
    await visitor.mouse.move(5, 5);
    expect((await flush).headers()['x-heatlens-flush']).toBe('500');
    const clicked = Date.now();
    await visitor.click('#add-to-cart');
    const inBox = "heat alpha inside #add-to-cart on the owner's overlay";
    await expect
      .poll(() => owner.evaluate(heatAlphaIn, box), { timeout: ARRIVAL_MS, interval: 20, message: inBox })
      .toBeGreaterThan(0);
    console.log(`a click reached the Firefox overlay in ${Date.now() - clicked} ms`);
    await expect
      .poll(
        async () =>
          (await owner.evaluate(legendIn))?.total === String((await site.heatmap('/product/1', 'click')).total),
      )
      .toBe(true);
  });

  it("draws a visitor's moves over the sticky header on the owner's header, scrolled", async () => {
    await inPopup(async (popup) => {
      await popup.select('#kind', 'move');
    });
    await owner.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => owner.evaluate(() => scrollY)).toBeGreaterThan(150);
    const header = (await owner.evaluate(boxIn, 'header.top'))!;
    expect(header.y).toBe(0); // stuck to the top
    // A spot of the header away from its links: the fixed layer, in viewport px.
    const spot = { x: 640 - 20, y: header.h / 2 - 10, w: 40, h: 20 };
    expect(await owner.evaluate(heatAlphaIn, spot)).toBe(0);
    await visitor.mouse.move(640, header.h / 2, { steps: 3 });
    await expect
      .poll(() => owner.evaluate(heatAlphaIn, spot), { timeout: ARRIVAL_MS, message: 'fixed-layer heat on the header' })
      .toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await owner.screenshot({ path: fileURLToPath(new URL('firefox-overlay.png', ARTIFACTS)) });
  });

  it('leaves the page exactly as it was once turned off, its socket closed and no listener left', async () => {
    await inPopup(async (popup) => {
      await popup.click('#overlay-toggle');
      await expect.poll(() => pressed(popup)).toBe('false');
    });
    await expect.poll(() => owner.evaluate(() => document.getElementById('heatlens-overlay') === null)).toBe(true);
    expect(await owner.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    await expect.poll(site.liveViewers).toBe(0);
    expect(await messageTab(control, ownerTab, { type: 'overlay:ping' })).toMatch(/^no receiver/);
    expect(ownerPosts).toEqual([]); // and the owner's tab sent nothing all along
  });
});
