/// <reference types="node" />
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';

/** The built Chrome folder (`pnpm build` writes it). */
export const CHROME_BUILD = join(import.meta.dirname, '..', '..', 'extension', 'dist', 'chrome');

/**
 * A copy of the built Chrome extension whose manifest pre-grants `http://127.0.0.1/*`.
 *
 * Why: headless Chromium cannot answer the browser's own permission prompt (see
 * microsoft/playwright#32755), so the options page's `permissions.request` for the collector's
 * origin would wait forever. With the origin already granted, the very same request resolves
 * `true` at once and the options page runs its real path. The grant (match patterns have no port)
 * also covers the shop on another loopback port, standing in for the `activeTab` grant a click on
 * the toolbar button gives, which tests cannot make either. The shipped manifest is unchanged.
 */
export function prepareTestExtension(): { dir: string; dispose(): void } {
  if (!existsSync(join(CHROME_BUILD, 'manifest.json')))
    throw new Error(`${CHROME_BUILD} is missing: run \`pnpm build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-ext-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = ['http://127.0.0.1/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The extension's service worker and id. */
export async function extensionWorker(context: BrowserContext): Promise<{ worker: Worker; id: string }> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { worker, id: new URL(worker.url()).host };
}

/** Configure the extension through its options page, as an owner does. Returns the listed site ids. */
export async function configure(
  context: BrowserContext,
  id: string,
  collectorUrl: string,
  token: string,
): Promise<string[]> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.fill('#collector-url', collectorUrl);
  await page.fill('#token', token);
  await page.click('#test');
  await page.waitForSelector('#sites li', { timeout: 10_000 });
  const sites = await page.$$eval('#sites li', (els) => els.map((el) => (el as HTMLElement).dataset.site ?? ''));
  await page.close();
  return sites;
}

/** The browser's id of the tab showing `page` (the popup needs it in `?tab=`). */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  const url = page.url();
  const ids = await worker.evaluate(async (u: string) => {
    type Chrome = { tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> } };
    const tabs = await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ url: u });
    return tabs.map((t) => t.id);
  }, url.split('#')[0]!);
  if (ids.length !== 1 || ids[0] === undefined) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
  return ids[0];
}

/** Open the popup page for a tab (in a tab of its own) and wait until its controls show. */
export async function openPopup(context: BrowserContext, id: string, tabId: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('#controls:not([hidden])', { timeout: 10_000 });
  return popup;
}

/**
 * RGBA of the overlay at a viewport point (CSS px), or null when there is no overlay: the label
 * canvas (lines, outlines, counts) where it has paint, else the heat canvas (a quarter of CSS px,
 * stretched by the compositor).
 */
export function overlayPixel(page: Page, x: number, y: number): Promise<[number, number, number, number] | null> {
  return page.evaluate(
    ([px, py]) => {
      const root = document.getElementById('heatlens-overlay')?.shadowRoot;
      const read = (id: string) => {
        const canvas = root?.getElementById(id) as HTMLCanvasElement | null;
        if (!canvas || canvas.width === 0) return null;
        const dpr = canvas.width / innerWidth;
        const d = canvas.getContext('2d')!.getImageData(Math.floor(px! * dpr), Math.floor(py! * dpr), 1, 1).data;
        return [d[0]!, d[1]!, d[2]!, d[3]!] as [number, number, number, number];
      };
      const label = read('heatlens-labels');
      return label && label[3] > 0 ? label : read('heatlens-canvas');
    },
    [x, y],
  );
}

/**
 * Resolve with the ms it took until the overlay shows colour at a viewport point (alpha > 0),
 * polling inside the page every few ms; rejects after `timeoutMs`.
 */
export function waitForColour(page: Page, x: number, y: number, timeoutMs = 5_000): Promise<number> {
  return page.evaluate(
    ([px, py, limit]) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const check = () => {
          const canvas = document
            .getElementById('heatlens-overlay')
            ?.shadowRoot?.getElementById('heatlens-canvas') as HTMLCanvasElement | null;
          if (canvas && canvas.width > 0) {
            const dpr = canvas.width / innerWidth;
            const alpha = canvas.getContext('2d')!.getImageData(Math.floor(px! * dpr), Math.floor(py! * dpr), 1, 1)
              .data[3]!;
            if (alpha > 0) return resolve(performance.now() - started);
          }
          if (performance.now() - started > limit!)
            return reject(new Error(`no colour at ${px},${py} within ${limit} ms`));
          setTimeout(check, 5);
        };
        check();
      }),
    [x, y, timeoutMs],
  );
}

/** The legend's sample count and path, or null without an overlay. */
export function legend(page: Page): Promise<{ total: string; path: string } | null> {
  return page.evaluate(() => {
    const root = document.getElementById('heatlens-overlay')?.shadowRoot;
    if (!root) return null;
    return {
      total: root.getElementById('heatlens-total')?.textContent ?? '',
      path: root.getElementById('heatlens-path')?.textContent ?? '',
    };
  });
}

/** Centre of an element in viewport CSS px. */
export async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * The centre of the heatmap tile (layout v2: `grid` columns across the document's width, rows of
 * `rowPx` page px) under a viewport point, in viewport px: a point on a tile's edge may sample its
 * neighbour, so pixel checks look at tile centres.
 */
export function tileCentre(page: Page, x: number, y: number, grid = 50, rowPx = 20): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py, g, r]) => {
      const w = document.documentElement.scrollWidth / g!;
      const cx = (Math.floor((px! + scrollX) / w) + 0.5) * w - scrollX;
      const cy = (Math.floor((py! + scrollY) / r!) + 0.5) * r! - scrollY;
      return { x: cx, y: cy };
    },
    [x, y, grid, rowPx],
  );
}
