import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { startCollector, type Collector } from '@heatlens/collector';
import type { CaptureInfo } from '@heatlens/schema/capture';
import { launchWithExtension } from '@heatlens/testkit/chromium';
import { closeAll } from '@heatlens/testkit/close-all';
import { configure, extensionWorker, prepareTestExtension } from '@heatlens/testkit/extension-e2e';
import { PAINT_COLOURS } from '../../packages/extension/src/background/stitch.js';
import { rgbOf, runsOf, type Picture, type Rgb } from './picture.js';
import { postBatch } from './post-batch.js';

// What the page-capture tests share, in Chromium and in Firefox: a page server and a collector for
// the extension to capture into, the read API for the captures stored, and the checks of the
// 6,000 px page (test/fixtures/capture-long.html) that hold in either browser.

export const VIEWPORT = { width: 1280, height: 720 };
export const TOKEN = 'capture-test-token-0123456789';
const FIXTURES = new URL('../fixtures/', import.meta.url);

export const RED: Rgb = [220, 40, 40];
export const GREEN: Rgb = [30, 170, 70];
export const BLUE: Rgb = [20, 20, 160];
export const BAND: Rgb = [235, 238, 250];
export const FIELD = rgbOf(PAINT_COLOURS.field);
export const MASK = rgbOf(PAINT_COLOURS.mask);

/** The HTML of the fixture page `name` under test/fixtures/ (a capture-*.html page), or undefined. */
export const fixturePage = (name: string) =>
  /^capture-[a-z]+\.html$/.test(name) ? readFileSync(new URL(name, FIXTURES)) : undefined;

/**
 * A server of the pages `page` gives by path name (without its leading slash; undefined: 404) and
 * a collector whose site `demo` takes that origin, read with `token`.
 */
export async function startCaptureSite(
  page: (name: string) => string | Buffer | undefined,
  { token = TOKEN, masks }: { token?: string; masks?: string[] } = {},
) {
  const files = createServer((req, res) => {
    const body = page(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  let collector: Collector;
  try {
    collector = await startCollector({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      sites: [{ id: 'demo', origins: [origin], readToken: token, ...(masks && { masks }) }],
    });
  } catch (error) {
    files.close();
    throw error;
  }

  let batches = 0;
  /** GET a read route with the site's token; expects 200. */
  const api = async (route: string) => {
    const res = await fetch(new URL(route, collector.url), { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status, route).toBe(200);
    return res;
  };
  return {
    origin,
    collector,
    api,
    /** The captures stored for `path`, newest first. */
    captures: async (path: string) =>
      (
        (await (await api(`/api/captures?site=demo&path=${encodeURIComponent(path)}`)).json()) as {
          captures: CaptureInfo[];
        }
      ).captures,
    /** A stored capture's picture, as served with content type `type`. */
    image: async (captureId: string, type = 'image/webp') => {
      const res = await api(`/api/captures/${captureId}/image`);
      expect(res.headers.get('content-type')).toBe(type);
      return new Uint8Array(await res.arrayBuffer());
    },
    /** POST a batch of `events` from a visitor `sid` on `path`, as the SDK on the site's origin does. */
    collect: async (path: string, sid: string, events: Array<Record<string, unknown>>) => {
      const now = Date.now();
      const res = await postBatch(
        collector.url,
        origin,
        { id: `b${++batches}-${now}`, sid, path, vw: 1280, events },
        now,
      );
      expect(res.status, await res.text()).toBe(204);
    },
    close: () => closeAll({ close: () => new Promise<void>((resolve) => files.close(() => resolve())) }, collector),
  };
}
export type CaptureSite = Awaited<ReturnType<typeof startCaptureSite>>;

/**
 * A capture site (see `startCaptureSite`) and Chromium with the built extension configured for it;
 * `<all_urls>` stands in for the `activeTab` grant a click on the toolbar button gives
 * (captureVisibleTab takes either). `close()` ends the browser, then the site.
 */
export async function startChromiumCapture(...args: Parameters<typeof startCaptureSite>) {
  const site = await startCaptureSite(...args);
  const ext = prepareTestExtension({ hosts: ['<all_urls>'] });
  let context: (BrowserContext & { dispose(): Promise<void> }) | undefined;
  const close = async () => {
    await closeAll(context && { close: () => context!.dispose() }, site);
    ext.dispose();
  };
  try {
    context = await launchWithExtension(ext.dir, { viewport: VIEWPORT });
    const { worker, id } = await extensionWorker(context);
    expect(await configure(context, id, site.collector.url, args[1]?.token ?? TOKEN)).toEqual(['demo']);
    return { site, context, worker, id, close };
  } catch (error) {
    await close();
    throw error;
  }
}

type Box = { x: number; y: number; w: number; h: number };
/** Where the boxes of capture-long.html are, in page px, and the page's size: read in the page. */
export type LongPage = { height: number; width: number; email: Box; pw: Box; secret: Box; masked: Box };

/** The geometry of capture-long.html open in `page` (a Playwright or a Puppeteer page). */
export function longPageGeometry(page: { evaluate<T>(fn: () => T): Promise<T> }): Promise<LongPage> {
  return page.evaluate(() => {
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
}

/** A box's inside, a pixel in from each edge (edges move by a pixel in the lossy encoding). */
const inside = (b: Box) => ({
  x: Math.round(b.x) + 1,
  y: Math.round(b.y) + 1,
  w: Math.floor(b.w) - 2,
  h: Math.floor(b.h) - 2,
});

/**
 * The picture of capture-long.html, decoded with columns 5 and 640: whole (6,000 px, the footer's
 * blue at the very bottom), the sticky header once at the top, the fields and the masked elements
 * painted over.
 */
export async function expectLongPageCapture(pic: Picture, geometry: LongPage) {
  expect([pic.width, pic.height]).toEqual([geometry.width, 6000]);
  const header = runsOf(pic.column(5), RED);
  expect(header).toHaveLength(1);
  expect(header[0]![0]).toBe(0);
  expect(Math.abs(header[0]![1] - 59)).toBeLessThanOrEqual(2);
  const footer = runsOf(pic.column(640), BLUE);
  expect(footer).toHaveLength(1);
  expect(Math.abs(footer[0]![0] - 5560)).toBeLessThanOrEqual(2);
  expect(footer[0]![1]).toBe(5999);
  // Painted over: the text field, the password field, the masked element and the site's masked one.
  expect(await pic.mismatches(inside(geometry.email), FIELD, 6)).toBe(0);
  expect(await pic.mismatches(inside(geometry.pw), FIELD, 6)).toBe(0);
  expect(await pic.mismatches(inside(geometry.secret), MASK, 6)).toBe(0);
  expect(await pic.mismatches(inside(geometry.masked), MASK, 6)).toBe(0);
}

/** Clicks on a 1280 x 6000 page with selectors, so the page's click maps name the fixtures' elements. */
export const collectClicks = (site: CaptureSite, path: string, sels: string[]) =>
  site.collect(
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
export const collectMoves = (site: CaptureSite, path: string) =>
  site.collect(
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
