import type { Browser as Chromium, Page as ChromiumPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { closeAll } from '@heatlens/testkit/close-all';
import { hasFirefox, launchFirefoxWithExtension } from '@heatlens/testkit/firefox';
import {
  configureFirefox,
  FIREFOX_BUILD,
  firefoxTabIdOf,
  grantActiveTab,
  setFirefoxViewport,
  openExtensionPage,
} from '@heatlens/testkit/firefox-extension';
import {
  expectLongPageCapture,
  fixturePage,
  longPageGeometry,
  startCaptureSite,
  TOKEN,
  VIEWPORT,
  type CaptureSite,
} from './support/capture-rig.js';
import { decodePicture } from './support/picture.js';

// A page capture in Firefox (the shipped dist/firefox in Debian's Firefox ESR, over WebDriver
// BiDi): "Save this page for the dashboard" from the popup (by its moz-extension:// URL) on the
// 6,000 px page with a sticky header of extension-capture.test.ts, stored by the real collector,
// fetched back and decoded in Chromium. What differs from Chromium: captureVisibleTab in Firefox
// takes activeTab or an API permission `<all_urls>` that an MV3 extension never holds, never a host
// permission ("Missing activeTab permission"). The toolbar button that opens the popup gives
// activeTab; a tab opened on the popup's URL does not, so the suite grants it as that button does
// (`action.openPopup` on a click, grantActiveTab). The picture is composed on an OffscreenCanvas in
// the background event page, not in a service worker.

describe.runIf(hasFirefox && hasChromium)('page capture in Firefox, end to end', () => {
  let site: CaptureSite;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
  let chromium: Chromium;
  let reader: ChromiumPage;

  beforeAll(async () => {
    site = await startCaptureSite(fixturePage, { masks: ['.private'] });
    [firefox, chromium] = await Promise.all([launchFirefoxWithExtension(FIREFOX_BUILD), launchChromium()]);
    reader = await chromium.newPage();
  }, 120_000);

  afterAll(async () => {
    await closeAll(firefox && { close: () => firefox.dispose() }, chromium, site);
  });

  it('saves a 6,000 px page whole from the popup: sticky header once, fields and masks painted over', async () => {
    expect(await configureFirefox(firefox, site.collector.url, TOKEN)).toEqual(['demo']);
    const control = await openExtensionPage(firefox, 'options.html', '#collector-url');

    const path = '/capture-long.html';
    // In a window of its own, so the action's grant (grantActiveTab) lands on it.
    const page = await firefox.browser.newPage({ type: 'window' });
    await setFirefoxViewport(page, VIEWPORT);
    await page.goto(site.origin + path);
    const geometry = await longPageGeometry(page);
    expect(geometry.height).toBe(6000);
    await page.evaluate(() => window.scrollTo(0, 2500));

    const tab = await firefoxTabIdOf(control, page);
    await grantActiveTab(control, tab);
    const popup = await openExtensionPage(firefox, `popup.html?tab=${tab}`, '#controls:not([hidden])');
    await popup.click('#capture-take');
    const done = await popup.waitForSelector('#capture-status[data-state=done], #capture-status[data-state=error]', {
      timeout: 120_000,
    });
    const status = await done!.evaluate((el) => ({
      state: (el as HTMLElement).dataset.state,
      id: (el as HTMLElement).dataset.id,
      ms: (el as HTMLElement).dataset.ms,
      text: el.textContent,
    }));
    expect(status.state, status.text ?? '').toBe('done');
    console.log(`Firefox capture of a 6000 px page at ${VIEWPORT.width} px: ${status.ms} ms (${status.text})`);
    await popup.close();
    expect(await page.evaluate(() => scrollY)).toBe(2500); // the owner's page given back as it was

    const listed = (await site.captures(path)).find((c) => c.id === status.id);
    expect(listed).toMatchObject({ seg: 'l', width: geometry.width, height: 6000 });
    const image = await site.api(`/api/captures/${status.id}/image`);
    console.log(`Firefox capture stored as ${image.headers.get('content-type')}`);
    const pic = await decodePicture(reader, new Uint8Array(await image.arrayBuffer()), [5, 640]);
    await expectLongPageCapture(pic, geometry);
  }, 180_000);
});
