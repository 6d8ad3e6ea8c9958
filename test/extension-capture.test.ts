import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type Collector } from '@heatlens/collector';
import type { CaptureInfo } from '@heatlens/schema/capture';
import { hasChromium, launchWithExtension } from '@heatlens/testkit/chromium';
import { closeAll } from '@heatlens/testkit/close-all';
import {
  configure,
  extensionWorker,
  openPopup,
  overlayPixel,
  prepareTestExtension,
  switchOverlayOn,
  tabIdOf,
} from '@heatlens/testkit/extension-e2e';
import { PAINT_COLOURS } from '../packages/extension/src/background/stitch.js';
import { decodePicture, near, rgbOf, runsOf, type Rgb } from './support/picture.js';

// Page captures in real Chromium with the built extension, stored by the real collector: the
// popup's "Save this page for the dashboard" on a 6,000 px page with a sticky header and a fixed
// chat button, and the automatic capture when the overlay is shown on an app shell whose inner
// scroller is the scroll root. Each picture is fetched back from the collector, decoded by
// Chromium and read as pixels.

const VIEWPORT = { width: 1280, height: 720 };
const TOKEN = 'capture-test-token-0123456789';
const FIXTURES = new URL('./fixtures/', import.meta.url);
const RED: Rgb = [220, 40, 40];
const GREEN: Rgb = [30, 170, 70];
const BLUE: Rgb = [20, 20, 160];
const BAND: Rgb = [235, 238, 250];
const FIELD = rgbOf(PAINT_COLOURS.field);
const MASK = rgbOf(PAINT_COLOURS.mask);

// Captures are paced by Chrome's quota (2 viewport captures a second): a 6,000 px page takes 9.
describe.runIf(hasChromium)('page captures, end to end', () => {
  let collector: Collector;
  let files: Server;
  let origin: string;
  let ext: ReturnType<typeof prepareTestExtension>;
  let context: BrowserContext & { dispose(): Promise<void> };
  let worker: Worker;
  let id: string;
  let reader: Page;

  const api = async (route: string) => {
    const res = await fetch(new URL(route, collector.url), { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status, route).toBe(200);
    return res;
  };
  const list = async (path: string) =>
    (
      (await (await api(`/api/captures?site=demo&path=${encodeURIComponent(path)}`)).json()) as {
        captures: CaptureInfo[];
      }
    ).captures;
  const image = async (captureId: string, type = 'image/webp') => {
    const res = await api(`/api/captures/${captureId}/image`);
    expect(res.headers.get('content-type')).toBe(type);
    return new Uint8Array(await res.arrayBuffer());
  };

  let batches = 0;
  const send = async (path: string, sid: string, events: unknown[]) => {
    const now = Date.now();
    const body = { v: 1, id: `b${++batches}-${now}`, site: 'demo', sid, path, vw: 1280, sent: now, events };
    const res = await fetch(`${collector.url}/collect`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.text()).toBe(204);
  };
  /** Clicks with selectors, so the page's click maps name the fixtures' elements. */
  const clicks = (path: string, sels: string[]) =>
    send(
      path,
      's1',
      sels.map((sel, i) => ({
        type: 'click',
        ts: Date.now(),
        x: 10 + i,
        y: 10,
        w: 1280,
        h: 6000,
        sel,
        ex: 0.5,
        ey: 0.5,
      })),
    );
  /** Cursor moves around (640, 300): heat under the overlay where the pictures are then read. */
  const moves = (path: string) =>
    send(
      path,
      's2',
      Array.from({ length: 40 }, (_, i) => ({
        type: 'move',
        ts: Date.now(),
        x: 600 + i * 2,
        y: 280 + i,
        w: 1280,
        h: 6000,
      })),
    );

  /** "Save this page for the dashboard" in the popup of `page`'s tab; resolves with the result it shows. */
  const saveThroughPopup = async (page: Page) => {
    const popup = await openPopup(context, id, await tabIdOf(worker, page));
    await popup.click('#capture-take');
    const done = await popup.waitForSelector('#capture-status[data-state=done], #capture-status[data-state=error]', {
      timeout: 120_000,
    });
    const text = (await done.textContent()) ?? '';
    expect(await done.getAttribute('data-state'), text).toBe('done');
    const result = { id: (await done.getAttribute('data-id'))!, ms: Number(await done.getAttribute('data-ms')), text };
    await popup.close();
    return result;
  };

  beforeAll(async () => {
    files = createServer((req, res) => {
      try {
        const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
        if (!/^capture-[a-z]+\.html$/.test(name)) throw new Error('not a fixture');
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
    // `<all_urls>` stands in for the `activeTab` grant a click on the toolbar button gives
    // (captureVisibleTab takes either).
    ext = prepareTestExtension({ hosts: ['<all_urls>'] });
    context = await launchWithExtension(ext.dir, { viewport: VIEWPORT });
    ({ worker, id } = await extensionWorker(context));
    expect(await configure(context, id, collector.url, TOKEN)).toEqual(['demo']);
    reader = await context.newPage();
  });

  afterAll(async () => {
    await closeAll(
      context && { close: () => context.dispose() },
      files && { close: () => new Promise<void>((resolve) => files.close(() => resolve())) },
      collector,
    );
    ext?.dispose();
  });

  it('a 6,000 px page whole: header and chat once, fields and masks painted, no overlay, scroll back', async () => {
    await worker.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
    const path = '/capture-long.html';
    await clicks(path, [
      'a#buy',
      'button#chat',
      'input#email',
      'label#email-label',
      'input#pw',
      'div#secret',
      'div#site-masked',
      'button#join',
    ]);
    await moves(path);

    const page = await context.newPage();
    await page.goto(origin + path);
    const geometry = await page.evaluate(() => {
      const box = (sel: string) => {
        const r = document.querySelector(sel)!.getBoundingClientRect();
        return { x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height };
      };
      return {
        height: document.documentElement.scrollHeight,
        width: document.documentElement.clientWidth,
        email: box('#email'),
        pw: box('#pw'),
        secret: box('#secret'),
        masked: box('#site-masked'),
      };
    });
    expect(geometry.height).toBe(6000);
    await switchOverlayOn(context, worker, id, page, { kind: 'move' });
    await page.evaluate(() => window.scrollTo(0, 0));
    // The overlay draws heat at (640, 300) before the capture.
    await expect
      .poll(async () => (await overlayPixel(page, 640, 300))?.[3] ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const overlayStyle = await page.evaluate(() => document.getElementById('heatlens-overlay')!.getAttribute('style'));
    await page.evaluate(() => window.scrollTo(0, 2500));

    const result = await saveThroughPopup(page);
    console.log(`capture of a ${geometry.height} px page at ${VIEWPORT.width} px: ${result.ms} ms (${result.text})`);

    // The owner's page as it was: scrolled where they were, the overlay back.
    expect(await page.evaluate(() => scrollY)).toBe(2500);
    expect(await page.evaluate(() => document.getElementById('heatlens-overlay')!.getAttribute('style'))).toBe(
      overlayStyle,
    );
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header')!).position)).toBe('sticky');

    const [listed] = (await list(path)).filter((c) => c.id === result.id);
    expect(listed).toMatchObject({ seg: 'l', width: geometry.width, height: 6000 });
    expect(listed!.scrollRoot).toBeUndefined(); // the picture is the whole page
    expect(Date.now() - listed!.takenAt).toBeLessThan(10 * 60_000);
    const chatX = geometry.width - 28; // inside the button, right of its label
    const pic = await decodePicture(reader, await image(result.id), [5, 640, chatX]);
    expect([pic.width, pic.height]).toEqual([geometry.width, 6000]);

    // The sticky header once, at the top; the chat button once, where it sits with the page at the top.
    // (Edges of solid boxes move by a pixel in the lossy encoding.)
    const header = runsOf(pic.column(5), RED);
    expect(header).toHaveLength(1);
    expect(header[0]![0]).toBe(0);
    expect(Math.abs(header[0]![1] - 59)).toBeLessThanOrEqual(2);
    const chat = runsOf(pic.column(chatX), GREEN);
    expect(chat).toHaveLength(1);
    expect(chat[0]![0]).toBeGreaterThanOrEqual(VIEWPORT.height - 75);
    expect(chat[0]![1]).toBeLessThanOrEqual(VIEWPORT.height - 15);
    // Whole: the footer's blue at the very bottom.
    const footer = runsOf(pic.column(640), BLUE);
    expect(footer).toHaveLength(1);
    expect(Math.abs(footer[0]![0] - 5560)).toBeLessThanOrEqual(2);
    expect(footer[0]![1]).toBe(5999);

    // No overlay: the heat spot is the band's own colour, as is the column through it above the form.
    expect(await pic.mismatches({ x: 630, y: 290, w: 20, h: 20 }, BAND, 8)).toBe(0);

    // Painted over: the text field, the password field, the masked element and the site's masked one.
    const inside = (b: { x: number; y: number; w: number; h: number }) => ({
      x: Math.round(b.x) + 1,
      y: Math.round(b.y) + 1,
      w: Math.floor(b.w) - 2,
      h: Math.floor(b.h) - 2,
    });
    expect(await pic.mismatches(inside(geometry.email), FIELD, 6)).toBe(0);
    expect(await pic.mismatches(inside(geometry.pw), FIELD, 6)).toBe(0);
    expect(await pic.mismatches(inside(geometry.secret), MASK, 6)).toBe(0);
    expect(await pic.mismatches(inside(geometry.masked), MASK, 6)).toBe(0);
    expect(runsOf(pic.column(640), [250, 0, 250], 1, 40)).toEqual([]);

    // Names: accessible names and text; never a field's value; masked ones unnamed. Fixed and sticky in viewport px.
    const byName = Object.fromEntries(listed!.elements.map((e) => [e.sel, e]));
    expect(byName['a#buy']).toMatchObject({ name: 'Buy now', fixed: true });
    expect(byName['a#buy']!.box[1]).toBeLessThan(60);
    expect(byName['button#chat']).toMatchObject({ name: 'Chat with us', fixed: true });
    expect(byName['button#chat']!.box[1]).toBeCloseTo(VIEWPORT.height - 70, 0);
    expect(byName['input#email']!.name).toBe('Email');
    expect(byName['label#email-label']!.name).toBe('Email');
    expect(byName['input#pw']!.name).toBe('Password');
    expect(byName['button#join']).toMatchObject({ name: 'Join the list' });
    expect(byName['button#join']!.fixed).toBeUndefined();
    expect(byName['div#secret']!.name).toBe('');
    expect(byName['div#site-masked']!.name).toBe('');
    expect(byName['div#secret']!.box[1]).toBeCloseTo(geometry.secret.y, 0);
    expect(JSON.stringify(listed!.elements)).not.toMatch(/alice|hunter2|Jane|Secret|999/);
    await page.close();
  }, 240_000);

  it('an app shell: its inner scroller captured whole when the overlay is shown, its scroll put back', async () => {
    await worker.evaluate(() => chrome.storage.local.set({ autoCapture: true }));
    const path = '/capture-shell.html';
    await clicks(path, ['button#generate', 'a#reports', 'input#search']);
    const page = await context.newPage();
    await page.goto(origin + path);
    const geometry = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      main.scrollTop = 1234;
      return { width: main.clientWidth, height: main.scrollHeight };
    });
    expect(geometry.height).toBe(3700);
    expect(await list(path)).toEqual([]);
    await switchOverlayOn(context, worker, id, page, { kind: 'click' });
    await expect.poll(async () => (await list(path)).length, { timeout: 120_000 }).toBe(1);
    const [listed] = await list(path);
    expect(await page.evaluate(() => document.getElementById('main')!.scrollTop)).toBe(1234);

    expect(listed).toMatchObject({ seg: 'l', width: geometry.width, height: 3700 });
    // The picture is the inner scroller's content: its scroll size is said beside it.
    expect(listed!.scrollRoot).toEqual({ w: geometry.width, h: 3700 });
    const pic = await decodePicture(reader, await image(listed!.id), [5, 300]);
    expect([pic.width, pic.height]).toEqual([geometry.width, 3700]);
    // The scroller's content from its first row to its last; none of the shell's bar or sidebar.
    const first = runsOf(pic.column(300), [0, 150, 150]);
    const last = runsOf(pic.column(300), BLUE);
    expect(first).toHaveLength(1);
    expect(first[0]![0]).toBe(0);
    expect(Math.abs(first[0]![1] - 99)).toBeLessThanOrEqual(2);
    expect(last).toHaveLength(1);
    expect(Math.abs(last[0]![0] - 3600)).toBeLessThanOrEqual(2);
    expect(last[0]![1]).toBe(3699);
    expect(runsOf(pic.column(5), [90, 60, 30], 1)).toEqual([]);
    expect(runsOf(pic.column(5), [40, 40, 40], 1)).toEqual([]);

    const byName = Object.fromEntries(listed!.elements.map((e) => [e.sel, e]));
    expect(byName['button#generate']).toMatchObject({ name: 'Generate Report' });
    expect(byName['button#generate']!.fixed).toBeUndefined();
    expect(byName['button#generate']!.box[1]).toBeGreaterThanOrEqual(118);
    expect(byName['button#generate']!.box[1]).toBeLessThanOrEqual(124);
    expect(byName['a#reports']).toMatchObject({ name: 'Reports', fixed: true });
    expect(byName['input#search']!.name).toBe('');
    const [sx, sy, sw, sh] = byName['input#search']!.box as [number, number, number, number];
    expect(await pic.mismatches({ x: sx + 1, y: sy + 1, w: sw - 2, h: sh - 2 }, FIELD, 6)).toBe(0);
    expect(JSON.stringify(listed!.elements)).not.toMatch(/private search/);
    await page.close();
  }, 240_000);

  it('the overlay as a PNG of the viewport, heat and legend in it', async () => {
    await worker.evaluate(() => chrome.storage.local.set({ autoCapture: false }));
    const page = await context.newPage();
    await moves('/capture-long.html');
    await page.goto(origin + '/capture-long.html?png');
    await switchOverlayOn(context, worker, id, page, { kind: 'move' });
    await expect
      .poll(async () => (await overlayPixel(page, 640, 300))?.[3] ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(0);
    const popup = await openPopup(context, id, await tabIdOf(worker, page));
    expect(await popup.isVisible('#overlay-png')).toBe(true);
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#overlay-png')]);
    expect(download.suggestedFilename()).toMatch(/^heatlens-demo-capture-long-html-\d{4}-\d\d-\d\d-\d{4}\.png$/);
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    await popup.close();
    const pic = await decodePicture(reader, bytes, [640]);
    expect(pic.width).toBe(VIEWPORT.width);
    // The heat is in it: the spot is not the band's colour any more.
    const spot = await pic.rect(635, 295, 10, 10);
    expect(spot.some((px) => !near(px, BAND, 8))).toBe(true);
    // The legend (the overlay's own box, in a corner) is in it: its text is in the PNG.
    const legendBox = await page.evaluate(() => {
      const el = document.getElementById('heatlens-overlay')!.shadowRoot!.getElementById('heatlens-legend');
      const r = (el ?? document.body).getBoundingClientRect();
      return {
        x: Math.round(r.left),
        y: Math.round(r.top),
        w: Math.round(r.width),
        h: Math.round(r.height),
        found: !!el,
      };
    });
    expect(legendBox.found).toBe(true);
    const legendPx = await pic.rect(legendBox.x, legendBox.y, legendBox.w, legendBox.h);
    expect(legendPx.some((px) => !near(px, BAND, 30) && !near(px, RED, 30))).toBe(true);
    await page.close();
  }, 240_000);
});
