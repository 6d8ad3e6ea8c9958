import { startCollector, type Collector, type SiteConfig } from '@heatlens/collector';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { cspViolations } from './support/csp.js';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// The dashboard's session in Chromium: a link that signs in (as `pnpm start` prints), a token that
// survives a reload, sign-out, one token seeing only its own site, and a feed that says when it is
// cut off and comes back by itself when the collector does.

const SDK_FILE = SDK_BUNDLE;
const SITES: SiteConfig[] = [
  { id: 'shop', origins: ['https://shop.example'], readToken: 'shop-read-token-0123456789', routes: ['/product/:id'] },
  { id: 'blog', origins: ['https://blog.example'], readToken: 'blog-read-token-0123456789' },
];

describe.runIf(hasChromium)('dashboard session in Chromium', () => {
  let collector: Collector;
  let browser: Browser;
  let page: Page;
  let blocked: string[] = [];
  const start = (port = 0) =>
    startCollector({ port, host: '127.0.0.1', logLevel: 'silent', sites: SITES, sdkFile: SDK_FILE });
  const status = () => page.getAttribute('#status', 'data-status');

  beforeAll(async () => {
    collector = await start();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US' });
    blocked = cspViolations(page);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  it('signs in from a #token= link, removes the token from the address bar, and keeps it across reloads', async () => {
    await page.goto(`${collector.url}/#token=shop-read-token-0123456789`);
    await page.waitForSelector('#pages-table tr.empty');
    expect(new URL(page.url()).hash).toBe('#site=shop');
    expect(await page.$$eval('#site option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['shop']);
    expect(await page.textContent('#pages-table tr.empty')).toContain('data-site="shop"');
    await expect.poll(status).toBe('live');
    await page.reload();
    await page.waitForSelector('#pages-table tr.empty');
    expect(await page.isHidden('#signin')).toBe(true);
  });

  it('keeps the view in the URL, so a reload or a shared link reopens the same page view', async () => {
    await page.goto(`${collector.url}/#site=shop&window=1h&path=%2Fproduct%2F%3Aid&kind=scroll&seg=s`);
    await page.waitForSelector('#page-view:not([hidden])');
    expect(await page.textContent('#page-title')).toBe('/product/:id');
    expect([await page.inputValue('#kind'), await page.inputValue('#seg'), await page.isChecked('#window-1h')]).toEqual(
      ['scroll', 's', true],
    );
    await expect
      .poll(() => page.textContent('#heatmap-meta'))
      .toContain('No visitors who scrolled on this page in the last hour');
    await page.selectOption('#kind', 'move');
    expect(new URL(page.url()).hash).toBe('#site=shop&window=1h&path=%2Fproduct%2F%3Aid&kind=move&seg=s');
    await page.reload();
    await page.waitForSelector('#page-view:not([hidden])');
    expect([
      await page.textContent('#page-title'),
      await page.inputValue('#kind'),
      await page.isChecked('#window-1h'),
    ]).toEqual(['/product/:id', 'move', true]);
    await page.click('#page-close');
    expect(new URL(page.url()).hash).toBe('#site=shop&window=1h');
    await page.check('#window-5m');
    expect(new URL(page.url()).hash).toBe('#site=shop');
  });

  it('says when the feed is cut off and resumes by itself when the collector is back', async () => {
    const port = collector.port;
    await collector.close();
    await expect.poll(status, { timeout: 5000 }).toBe('reconnecting');
    expect(await page.textContent('#status')).toBe('Reconnecting…');
    collector = await start(port);
    await expect.poll(status, { timeout: 15_000 }).toBe('live');
    await page.waitForSelector('#pages-table tr.empty');
  });

  it('signs out: the token is forgotten and the sign-in form is back', async () => {
    await page.click('#signout');
    expect(await page.isVisible('#signin')).toBe(true);
    expect(await page.isHidden('#app')).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('heatlens.readToken'))).toBeNull();
    await page.fill('#token', 'blog-read-token-0123456789');
    await page.click('#signin-submit');
    await page.waitForSelector('#pages-table tr.empty');
    expect(await page.inputValue('#site')).toBe('blog');
  });

  it('signs out with a reason when its token is rotated out, and takes the new one', async () => {
    const rotated = 'blog-rotated-token-9876543210';
    collector.updateSites([SITES[0]!, { ...SITES[1]!, readToken: rotated }]);
    await page.waitForSelector('#signin:not([hidden])', { timeout: 10_000 });
    expect(await page.textContent('#signin-error')).toContain('no longer accepted');
    expect(await page.evaluate(() => localStorage.getItem('heatlens.readToken'))).toBeNull();
    await page.fill('#token', rotated);
    await page.click('#signin-submit');
    await page.waitForSelector('#pages-table tr.empty');
    await expect.poll(status).toBe('live');
  });

  it('ran under its Content-Security-Policy without a refusal', () => {
    expect(blocked).toEqual([]);
  });
});
