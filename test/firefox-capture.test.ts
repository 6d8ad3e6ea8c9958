import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser as Chromium, Page as ChromiumPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '@heatlens/collector';
import type { CaptureInfo } from '@heatlens/schema/capture';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { closeAll } from '@heatlens/testkit/close-all';
import { hasFirefox, launchFirefoxWithExtension } from '@heatlens/testkit/firefox';
import {
  configureFirefox,
  FIREFOX_BUILD,
  firefoxTabIdOf,
  openExtensionPage,
} from '@heatlens/testkit/firefox-extension';
import { PAINT_COLOURS } from '../packages/extension/src/background/stitch.js';
import { decodePicture, rgbOf, runsOf, type Rgb } from './support/picture.js';

// A page capture in Firefox (the shipped dist/firefox in Debian's Firefox ESR, over WebDriver
// BiDi): "Save this page for the dashboard" from the popup (by its moz-extension:// URL) on the
// 6,000 px page with a sticky header of extension-capture.test.ts, stored by the real collector,
// fetched back and decoded in Chromium. What differs from Chromium: captureVisibleTab in Firefox
// takes `<all_urls>` or activeTab, never a host permission ("Missing activeTab permission"): the
// toolbar button that opens the popup gives activeTab, a tab opened on the popup's URL does not,
// so this build declares `<all_urls>` as the Chromium rig does), and the picture is composed on an
// OffscreenCanvas in the background event page, not in a service worker.

const VIEWPORT = { width: 1280, height: 720 };
const TOKEN = 'capture-test-token-0123456789';
const FIXTURES = new URL('./fixtures/', import.meta.url);
const RED: Rgb = [220, 40, 40];
const BLUE: Rgb = [20, 20, 160];
const FIELD = rgbOf(PAINT_COLOURS.field);

describe.runIf(hasFirefox && hasChromium)('page capture in Firefox, end to end', () => {
  let collector: Collector;
  let files: Server;
  let origin: string;
  let firefox: Awaited<ReturnType<typeof launchFirefoxWithExtension>>;
  let chromium: Chromium;
  let reader: ChromiumPage;
  let build: string;

  const api = async (route: string) => {
    const res = await fetch(new URL(route, collector.url), { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status, route).toBe(200);
    return res;
  };

  beforeAll(async () => {
    files = createServer((req, res) => {
      try {
        const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
        if (name !== 'capture-long.html') throw new Error('not a fixture');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(readFileSync(new URL(name, FIXTURES)));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      sites: [{ id: 'demo', origins: [origin], readToken: TOKEN, masks: ['.private'] }],
    });
    // The shipped build with `<all_urls>` declared, standing in for the activeTab grant the
    // toolbar button gives (Firefox's permissions.request needs a user's click, which BiDi's is not).
    build = mkdtempSync(join(tmpdir(), 'heatlens-ff-capture-'));
    cpSync(FIREFOX_BUILD, build, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(build, 'manifest.json'), JSON.stringify({ ...manifest, host_permissions: ['<all_urls>'] }));
    [firefox, chromium] = await Promise.all([launchFirefoxWithExtension(build), launchChromium()]);
    reader = await chromium.newPage();
  }, 120_000);

  afterAll(async () => {
    await closeAll(
      firefox && { close: () => firefox.dispose() },
      chromium,
      files && { close: () => new Promise<void>((resolve) => files.close(() => resolve())) },
      collector,
    );
    if (build) rmSync(build, { recursive: true, force: true });
  });

  it('saves a 6,000 px page whole from the popup: sticky header once, the password field painted over', async () => {
    expect(await configureFirefox(firefox, collector.url, TOKEN)).toEqual(['demo']);
    const control = await openExtensionPage(firefox, 'options.html', '#collector-url');

    const path = '/capture-long.html';
    const page = await firefox.browser.newPage();
    await page.setViewport(VIEWPORT);
    await page.goto(origin + path);
    const geometry = await page.evaluate(() => {
      const r = document.getElementById('pw')!.getBoundingClientRect();
      return {
        height: document.documentElement.scrollHeight,
        width: document.documentElement.clientWidth,
        pw: { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height },
      };
    });
    expect(geometry.height).toBe(6000);
    await page.evaluate(() => window.scrollTo(0, 2500));

    const tab = await firefoxTabIdOf(control, page);
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

    const { captures } = (await (await api(`/api/captures?site=demo&path=${encodeURIComponent(path)}`)).json()) as {
      captures: CaptureInfo[];
    };
    const listed = captures.find((c) => c.id === status.id);
    expect(listed).toMatchObject({ seg: 'l', width: geometry.width, height: 6000 });
    const image = await api(`/api/captures/${status.id}/image`);
    console.log(`Firefox capture stored as ${image.headers.get('content-type')}`);
    const pic = await decodePicture(reader, new Uint8Array(await image.arrayBuffer()), [5, 640]);
    expect([pic.width, pic.height]).toEqual([geometry.width, 6000]);
    // The sticky header once, at the top; the footer's blue at the very bottom.
    const header = runsOf(pic.column(5), RED);
    expect(header).toHaveLength(1);
    expect(header[0]![0]).toBe(0);
    expect(Math.abs(header[0]![1] - 59)).toBeLessThanOrEqual(2);
    const footer = runsOf(pic.column(640), BLUE);
    expect(footer).toHaveLength(1);
    expect(footer[0]![1]).toBe(5999);
    // The password field painted over (its value never in the picture).
    const { x, y, w, h } = geometry.pw;
    const inside = { x: Math.round(x) + 1, y: Math.round(y) + 1, w: Math.floor(w) - 2, h: Math.floor(h) - 2 };
    expect(await pic.mismatches(inside, FIELD, 6)).toBe(0);
  }, 180_000);
});
