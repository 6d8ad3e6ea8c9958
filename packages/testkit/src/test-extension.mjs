// The built extension as suites, rigs and benchmarks drive it: a copy that pre-grants loopback,
// its service worker, its options page and its popup. Plain JS so the `.mjs` rigs and `bench/`
// share it under plain `node`; extension-e2e.ts re-exports it for the end-to-end suites, and
// test-extension.d.mts types it.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built Chrome folder (`pnpm build` writes it). */
export const CHROME_BUILD = fileURLToPath(new URL('../../extension/dist/chrome', import.meta.url));

/**
 * A copy of the built Chrome extension whose manifest pre-grants `http://127.0.0.1/*`.
 *
 * Why: headless Chromium cannot answer the browser's own permission prompt (see
 * microsoft/playwright#32755), so the options page's `permissions.request` for the collector's
 * origin would wait forever. With the origin already granted, the very same request resolves
 * `true` at once and the options page runs its real path. The grant (match patterns have no port)
 * also covers the shop on another loopback port, standing in for the `activeTab` grant a click on
 * the toolbar button gives, which tests cannot make either. The shipped manifest is unchanged.
 *
 * `hosts` replaces the granted patterns: `['<all_urls>']` stands in for `activeTab` where an API
 * asks for exactly that or `activeTab` (`tabs.captureVisibleTab`, page captures).
 */
export function prepareTestExtension({ hosts = ['http://127.0.0.1/*'] } = {}) {
  if (!existsSync(join(CHROME_BUILD, 'manifest.json')))
    throw new Error(`${CHROME_BUILD} is missing: run \`pnpm build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-ext-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = hosts;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The extension's service worker and id. */
export async function extensionWorker(context) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { worker, id: new URL(worker.url()).host };
}

/**
 * Configure the extension through its options page, as an owner does. Returns the listed site ids.
 * `timeout` (ms, default 10 s) bounds the wait for the site list.
 */
export async function configure(context, id, collectorUrl, token, timeout = 10_000) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/options.html`);
  await page.fill('#collector-url', collectorUrl);
  await page.fill('#token', token);
  await page.click('#test');
  await page.waitForSelector('#sites li', { timeout });
  const sites = await page.$$eval('#sites li', (els) => els.map((el) => el.dataset.site ?? ''));
  // No capture unless a suite asks for one (extension-capture.test.ts turns it on): a suite's
  // overlay is about heat, and a capture would take the tab's frames while it draws.
  await page.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
  await page.close();
  return sites;
}

/** The browser's id of the tab showing `page` (the popup needs it in `?tab=`). */
export async function tabIdOf(worker, page) {
  const url = page.url();
  let ids = await worker.evaluate(
    async (u) => (await chrome.tabs.query({ url: u })).map((t) => t.id),
    url.split('#')[0],
  );
  // Chromium 150 matches no chrome-extension:// URL in a tabs query; the extension's own page
  // knows its tab.
  if (ids.length === 0 && url.startsWith('chrome-extension://'))
    ids = [await page.evaluate(async () => (await chrome.tabs.getCurrent())?.id)];
  if (ids.length !== 1 || ids[0] === undefined) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
  return ids[0];
}

/** Open the popup page for a tab (in a tab of its own) and wait until its controls show. */
export async function openPopup(context, id, tabId) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('#controls:not([hidden])', { timeout: 10_000 });
  return popup;
}

/**
 * Switch the overlay on in `tab` through the popup, as an owner does: segment `all`, the given
 * `kind`, count labels off when `counts` is false (default: left as they are). Brings `tab` back
 * to the front and closes the popup; resolves once the popup reports the overlay on.
 */
export async function switchOverlayOn(context, worker, id, tab, { kind, counts } = {}) {
  const popup = await openPopup(context, id, await tabIdOf(worker, tab));
  await popup.selectOption('#seg', 'all');
  if (kind) await popup.selectOption('#kind', kind);
  if (counts === false && (await popup.isChecked('#counts').catch(() => false))) await popup.uncheck('#counts');
  await popup.click('#overlay-toggle');
  await popup.waitForSelector('#overlay-toggle[aria-pressed=true]');
  await popup.close();
  await tab.bringToFront();
}
