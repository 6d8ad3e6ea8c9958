import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '@heatlens/collector';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { closeAll } from '@heatlens/testkit/close-all';
import { startWebhookReceiver, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// Alerts end to end: a visitor in real Chromium hammers the shop's dead "Apply coupon" button
// through the real SDK; a local webhook receiver must get the rage and the dead alert once each,
// naming the button's selector, and the owner's dashboard must list them; when the clicks stop
// and the (injected) clock moves the window on, a `resolved` follows. The click-to-webhook
// latency is printed by bench/alerts.mjs, not asserted here.

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const SDK_FILE = SDK_BUNDLE;
const DASHBOARD_JS = root('packages/collector/public/assets/dashboard.js');
const TOKEN = 'demo-read-token-0123456789';
const RAGE = 'rage|/product/:id|button#apply-coupon';
const DEAD = 'dead|/product/:id|button#apply-coupon';

describe.runIf(hasChromium)('alerts from a rage-clicking visitor in Chromium', () => {
  let offset = 0;
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let receiver: WebhookReceiver;
  let browser: Browser;

  beforeAll(async () => {
    for (const f of [SDK_FILE, DASHBOARD_JS])
      if (!existsSync(f)) throw new Error(`${f} is missing: run \`pnpm build\``);
    receiver = await startWebhookReceiver();
    collector = await startCollector({
      port: 0,
      logLevel: 'silent',
      sdkFile: SDK_FILE,
      now: () => Date.now() + offset,
      sites: [
        {
          id: 'demo',
          origins: ['*'],
          readToken: TOKEN,
          routes: ['/product/:id'],
          alerts: { webhook: receiver.url, allowPrivateWebhook: true },
        },
      ],
      alerts: { evalMs: 500 },
    });
    shop = await startShop({ port: 0, collectorUrl: collector.url });
    browser = await launchChromium();
  });
  afterAll(() => closeAll(browser, shop, collector, receiver));

  it('sends the rage and the dead alert once each with the selector, lists them, then resolves them', async () => {
    const visitor = await browser.newPage();
    await visitor.goto(`${shop.url}/product/2`);
    await visitor.waitForFunction(() => 'heatlens' in window, undefined, { timeout: 5000 });
    // 7 clicks in well under a second on one spot: clicks 3-7 are rage clicks, all 7 are dead.
    for (let i = 0; i < 7; i++) await visitor.click('button#apply-coupon', { delay: 10 });
    await receiver.until(
      () => receiver.received.some((a) => a.id === RAGE) && receiver.received.some((a) => a.id === DEAD),
      30_000,
      'rage and dead alerts',
    );
    const byId = (id: string) => receiver.received.filter((a) => a.id === id);
    expect(byId(RAGE)).toMatchObject([
      {
        site: 'demo',
        page: '/product/:id',
        rule: 'rage',
        state: 'firing',
        element: 'button#apply-coupon',
        figures: { count: 5, clicks: 7 },
      },
    ]);
    expect(byId(DEAD)).toMatchObject([
      { rule: 'dead', state: 'firing', element: 'button#apply-coupon', figures: { count: 7, clicks: 7, share: 1 } },
    ]);
    expect(byId(RAGE)[0]!.link).toBe(`${collector.url}/#site=demo&path=%2Fproduct%2F%3Aid`);

    const owner = await browser.newPage();
    await owner.goto(`${collector.url}/#token=${TOKEN}`);
    await owner.waitForSelector(`#alerts-firing li[data-alert-id="${RAGE}"][data-state="firing"]`, { timeout: 10_000 });
    expect(await owner.textContent(`#alerts-firing li[data-alert-id="${RAGE}"]`)).toContain(
      'rage clicks on button#apply-coupon',
    );

    // The visitor stops; five minutes on, the clicks have left the live window.
    await visitor.close();
    offset += 300_000;
    await receiver.until(() => byId(RAGE).length === 2 && byId(DEAD).length === 2, 30_000, 'resolved notices');
    for (let i = 0; i < 3; i++) await collector.alerts.tick();
    expect([...byId(RAGE), ...byId(DEAD)].map((a) => [a.rule, a.state])).toEqual([
      ['rage', 'firing'],
      ['rage', 'resolved'],
      ['dead', 'firing'],
      ['dead', 'resolved'],
    ]);
    await owner.waitForSelector(`#alerts-recent li[data-alert-id="${RAGE}"][data-state="resolved"]`, {
      timeout: 10_000,
    });
    expect(await owner.$$(`#alerts-firing li[data-alert-id]`)).toHaveLength(0);
  }, 90_000);
});
