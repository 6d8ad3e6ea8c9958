import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCollector, type Collector } from '@heatlens/collector';
import { closeAll } from '@heatlens/testkit/close-all';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { cspViolations } from './support/csp.js';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// Saved views, a before-and-after comparison and a read-only link, end to end: the demo shop's
// product page in real Chromium with the real SDK, its "Add to cart" button moved in a second
// version of the page; the dashboard compares the live map with the view saved before the move,
// and the pixels of its canvas are read back: a fall (blue) where the button was, a rise
// (orange) where it is. Then the view is shared and the link opened in a fresh browser profile.

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const DASHBOARD_JS = root('packages/collector/public/assets/dashboard.js');
const SDK_FILE = SDK_BUNDLE;
const IMG = root('docs/img');
const PATH = '/product/1';
type Box = { x: number; y: number; w: number; h: number };

describe.runIf(hasChromium || process.env.HEATLENS_REQUIRE_BROWSER === '1')(
  'saved views, comparison and links in Chromium',
  () => {
    let collector: Collector;
    let shop: Awaited<ReturnType<typeof startShop>>;
    let browser: Browser;
    let dash: Page;
    let token: string;
    let blocked: string[];

    const total = async () => {
      const r = await fetch(`${collector.url}/api/heatmap?site=demo&path=${PATH}&kind=click`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await r.json()) as { total: number }).total;
    };

    /** One version of the product page: capture it (as the extension would), click its button `n` times. */
    async function visit(version: 1 | 2, clicks: number): Promise<Box> {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${shop.url}${PATH}`);
      if (version === 2)
        // The second version: "Add to cart" moves up, above the product's name.
        await page.evaluate(() => {
          const info = document.querySelector('.product-info')!;
          const p = document.createElement('p');
          p.append(document.getElementById('add-to-cart')!);
          info.insertBefore(p, info.querySelector('h1'));
        });
      const b = (await page.locator('#add-to-cart').boundingBox())!;
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const shot = await page.screenshot({ fullPage: true });
      const form = new FormData();
      form.set('meta', JSON.stringify({ seg: 'l', width: 1280, height, takenAt: Date.now(), elements: [] }));
      form.set('image', new Blob([shot], { type: 'image/png' }), 'page.png');
      const up = await fetch(`${collector.url}/api/captures?site=demo&path=${PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(up.status).toBe(201);
      for (let i = 0; i < clicks; i++) {
        await page.click('#add-to-cart', { position: { x: b.width / 2, y: b.height / 2 } });
        await page.waitForTimeout(120); // not a rage click
      }
      await page.goto('about:blank'); // pagehide: the SDK flushes what it holds
      await context.close();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    }

    /** The compare canvas's pixels over box `b` (page px = canvas px: the canvas is as wide as the capture). */
    const pixelsIn = (b: Box) =>
      dash.evaluate(
        ([x, y, w, h]) => {
          const c = document.getElementById('compare-canvas') as HTMLCanvasElement;
          return [...c.getContext('2d')!.getImageData(x!, y!, w!, h!).data];
        },
        [Math.round(b.x), Math.round(b.y), Math.round(b.w), Math.round(b.h)],
      );
    /** The most that `hue` (blue minus red for a fall, red minus blue for a rise) grew anywhere over the box. */
    const grew = (drawn: number[], plain: number[], hue: 'fall' | 'rise') => {
      let most = -Infinity;
      for (let i = 0; i < drawn.length; i += 4) {
        const d = (a: number[]) => (hue === 'fall' ? a[i + 2]! - a[i]! : a[i]! - a[i + 2]!);
        most = Math.max(most, d(drawn) - d(plain));
      }
      return most;
    };

    async function compareWith(name: string): Promise<number> {
      await dash.click(`#saved-list li:has(strong:text-is("${name}")) [data-act=compare]`);
      const canvas = await dash.waitForSelector(`#compare-canvas[data-against=${JSON.stringify(name)}]`);
      return Number(await canvas.getAttribute('data-tiles'));
    }

    beforeAll(async () => {
      if (!existsSync(DASHBOARD_JS)) throw new Error(`${DASHBOARD_JS} is missing: run \`pnpm build\``);
      mkdirSync(IMG, { recursive: true });
      collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', sdkFile: SDK_FILE });
      token = collector.sites[0]!.readToken;
      shop = await startShop({ port: 0, collectorUrl: collector.url });
      browser = await launchChromium();
      dash = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
      blocked = cspViolations(dash);
      await dash.addInitScript((t) => localStorage.setItem('heatlens.readToken', t), token);
    });
    afterAll(() => closeAll(browser, shop, collector));

    let before: Box;
    let after: Box;
    it('shows a fall where the button was and a rise where it is, and nothing against an identical map', async () => {
      before = await visit(1, 8);
      await expect.poll(total, { timeout: 15_000 }).toBe(8);
      await dash.goto(`${collector.url}/#site=demo&path=${PATH}&kind=click`);
      await dash.waitForSelector('#saved-name');
      await dash.fill('#saved-name', 'Before: button under the price');
      await dash.click('#save-view');
      await dash.waitForSelector('#saved-list li[data-id]');

      after = await visit(2, 24);
      expect(after.y).toBeLessThan(before.y - 60); // the button did move
      await expect.poll(total, { timeout: 15_000 }).toBe(32);
      await dash.fill('#saved-name', 'After');
      await dash.click('#save-view');
      await dash.waitForSelector('#saved-list li:has(strong:text-is("After"))');

      // The live map against the view saved from it a moment ago: identical, nothing drawn.
      await dash.waitForFunction(() => document.getElementById('heatmap')?.dataset.total === '32');
      expect(await compareWith('After')).toBe(0);
      expect(await dash.textContent('#compare figcaption')).toContain('No change');
      const plainOld = await pixelsIn(before);
      const plainNew = await pixelsIn(after);

      expect(await compareWith('Before: button under the price')).toBeGreaterThan(0);
      // Blue grew against red where the button was (a fall), red against blue where it is (a rise),
      // and not the other way round.
      const old = await pixelsIn(before);
      const now = await pixelsIn(after);
      const fell = grew(old, plainOld, 'fall');
      const rose = grew(now, plainNew, 'rise');
      expect(fell).toBeGreaterThan(60);
      expect(rose).toBeGreaterThan(60);
      // (blending blue over a blue button also lowers its blue a little: hence "far less", not "none")
      expect(grew(old, plainOld, 'rise')).toBeLessThan(fell / 2);
      expect(grew(now, plainNew, 'fall')).toBeLessThan(rose / 2);
      // The button kept its selector: its share of clicks held (100 % of them before and after), so
      // the elements table lists no change; only where it is drawn moved.
      expect(await dash.textContent('#compare')).toContain('No element changed its share of clicks.');
      await dash.locator('#compare').screenshot({ path: `${IMG}/compare-1280.png` });
      await dash.setViewportSize({ width: 390, height: 900 });
      await dash.locator('#compare').screenshot({ path: `${IMG}/compare-390.png` });
      await dash.setViewportSize({ width: 1280, height: 1000 });
      expect(blocked).toEqual([]);
    }, 300_000);

    it('opens a shared view in a fresh profile, the token in no URL or Referer, until revoked', async () => {
      await dash.click('#saved-list li:has(strong:text-is("Before: button under the price")) [data-act=share]');
      const url = await (await dash.waitForSelector('#share-url')).inputValue();
      const secret = url.slice(url.lastIndexOf('.') + 1);
      for (const width of [1280, 390]) {
        const fresh: BrowserContext = await browser.newContext({ viewport: { width, height: 900 } });
        const seen: Array<{ url: string; referer?: string }> = [];
        fresh.on('request', (r) => seen.push({ url: r.url(), referer: r.headers().referer }));
        const page = await fresh.newPage();
        const res = await page.goto(url);
        expect(res?.headers()['x-robots-tag']).toBe('noindex, nofollow');
        expect(res?.headers()['referrer-policy']).toBe('no-referrer');
        await page.waitForSelector('body[data-state=view]');
        expect(await page.getAttribute('meta[name=robots]', 'content')).toBe('noindex');
        expect(await page.$('#page-view, #pages, #signin')).toBeNull(); // the map and nothing else
        const heat = await page.evaluate(
          ([x, y]) => {
            const c = document.getElementById('shared-map') as HTMLCanvasElement;
            return [...c.getContext('2d')!.getImageData(x!, y!, 1, 1).data];
          },
          [Math.round(before.x + before.w / 2), Math.round(before.y + before.h / 2)],
        );
        expect(heat[0]! + heat[1]! + heat[2]!).toBeLessThan(3 * 250); // heat over the old button
        await page.screenshot({ path: `${IMG}/share-${width}.png`, fullPage: true });
        expect(seen.filter((s) => s.url.includes(secret))).toEqual([]);
        expect(seen.filter((s) => s.referer)).toEqual([]);
        await fresh.close();
      }
      await dash.click('#share-revoke');
      await dash.waitForSelector('#share-out:has-text("revoked")');
      const fresh = await browser.newContext();
      const page = await fresh.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-state=gone]');
      await fresh.close();
    }, 300_000);
  },
);
