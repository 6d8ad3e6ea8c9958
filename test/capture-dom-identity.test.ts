import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OWNER_MARK } from '@heatlens/schema/constants';
import { openPopup, switchOverlayOn, tabIdOf } from '@heatlens/testkit/extension-e2e';
import { hasChromium } from '@heatlens/testkit/chromium';
import { startChromiumCapture } from './support/capture-rig.js';
import { useForSuite } from './support/suite-resource.js';
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
  const rig = useForSuite(async () => {
    const started = await startChromiumCapture(() => PAGE, { token: TOKEN });
    // The option as an owner has it: on (the rigs turn it off).
    await started.worker.evaluate(() => chrome.storage.local.set({ autoCapture: true }));
    return started;
  });
  const captures = async (path: string) => (await rig.site.captures(path)).length;

  it('leaves no style attribute on <html> or the sticky header after a capture on show', async () => {
    const page = await rig.context.newPage();
    await page.goto(`${rig.site.origin}/one`);
    const before = await domIdentity(page);
    expect(before).not.toMatch(/style/);
    await switchOverlayOn(rig.context, rig.worker, rig.id, page, { kind: 'move' });
    await expect.poll(() => captures('/one'), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => domIdentity(page), { timeout: 10_000 }).toBe(before);
    // And it stays so: nothing of the capture is left to run.
    await page.waitForTimeout(2_000);
    expect(await domIdentity(page)).toBe(before);
    await page.close();
  }, 180_000);

  it('takes one capture and gives the page back when the overlay is shown twice in quick succession', async () => {
    const page = await rig.context.newPage();
    await page.goto(`${rig.site.origin}/two`);
    const before = await domIdentity(page);
    const tabId = await tabIdOf(rig.worker, page);
    const popup = await openPopup(rig.context, rig.id, tabId);
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
