import browser from 'webextension-polyfill';
import { segmentOf } from '@heatlens/schema/tiles';
import type { CaptureRequest, CaptureRequests, PaintOver } from '../capture-messages.js';
import type { CaptureBroadcast, CaptureResult } from '../messages.js';
import { loadConfig } from '../storage.js';
import { CAPTURE_LIMITS, type CaptureMeta } from '@heatlens/schema/capture';
import { mapSelectors, siteMasks, uploadCapture } from './capture-api.js';
import { captureVisible } from './capture-visible.js';
import { createStitcher, frameSlice, MAX_CAPTURE_HEIGHT } from './stitch.js';

/** What a capture is of, and what else it may use. */
export type CaptureTarget = {
  tabId: number;
  site: string;
  /** the page key the overlay and the SDK use */
  path: string;
  /** selectors the live click map names now (the overlay's last snapshot) */
  live?: readonly string[];
};

const running = new Map<number, Promise<CaptureResult>>();

/**
 * Take a capture of the page in a tab and upload it; one at a time per tab (a second call while
 * one runs gets the same result). Progress goes to extension pages as `capture:status` broadcasts.
 * Rejects with a sentence for the owner; the page is always given back as it was.
 */
export function takeCapture(target: CaptureTarget): Promise<CaptureResult> {
  const current = running.get(target.tabId);
  if (current) return current;
  const run = capture(target).finally(() => running.delete(target.tabId));
  running.set(target.tabId, run);
  run.catch((error: unknown) =>
    broadcast({ tabId: target.tabId, state: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
  return run;
}

function broadcast(status: Omit<CaptureBroadcast, 'type'>): void {
  const message: CaptureBroadcast = { type: 'capture:status', ...status };
  browser.runtime.sendMessage(message).catch(() => {}); // nobody listens unless the popup is open
}

function send<K extends keyof CaptureRequests>(
  tabId: number,
  message: CaptureRequests[K]['request'] & CaptureRequest,
): Promise<CaptureRequests[K]['reply']> {
  return browser.tabs.sendMessage<typeof message, CaptureRequests[K]['reply']>(tabId, message);
}

/**
 * Encode within the collector's image bound: WebP (or JPEG) at the house quality, then JPEG at
 * lower qualities while it is larger (a long, photo-heavy page). Throws when even that is too large.
 */
async function encodeWithin(stitcher: ReturnType<typeof createStitcher>, maxBytes: number): Promise<Blob> {
  let image = await stitcher.encode();
  for (const quality of [0.7, 0.5, 0.35]) {
    if (image.size <= maxBytes) return image;
    image = await stitcher.encode(quality, true);
  }
  if (image.size <= maxBytes) return image;
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  throw new Error(`The picture is ${mb(image.size)} even as a small JPEG; the collector takes ${mb(maxBytes)}.`);
}

/**
 * Whether a viewport capture is the page's viewport: its shape (width over height) is the
 * viewport's, within a few px. Its scale may be the screen's or 1 (Chromium's emulated device
 * scale is not in the capture), which `draw` reads from the width. Not so when the tab is
 * emulating another device size or the window was resized: the frame's px would not map onto the page's.
 */
export function matchesViewport(
  frame: { width: number; height: number },
  plan: { viewWidth: number; viewHeight: number },
): boolean {
  const scale = frame.width / plan.viewWidth;
  return scale > 0 && Math.abs(frame.height - plan.viewHeight * scale) <= Math.max(3, frame.height * 0.02);
}

async function capture({ tabId, site, path, live = [] }: CaptureTarget): Promise<CaptureResult> {
  const started = Date.now();
  const config = await loadConfig();
  if (!config) throw new Error('Set the collector URL and read token in the options first.');
  broadcast({ tabId, state: 'capturing', frame: 0, frames: 0 });
  const [masks, selectors] = await Promise.all([siteMasks(config, site), mapSelectors(config, site, path, live)]);
  // captureVisibleTab takes the window's active tab: the page must be the one in front.
  let tab = await browser.tabs.get(tabId);
  if (!tab.active) tab = await browser.tabs.update(tabId, { active: true });
  const windowId = tab.windowId ?? browser.windows.WINDOW_ID_CURRENT;
  await browser.scripting.executeScript({ target: { tabId }, files: ['capture.js'] });
  const plan = await send<'capture:begin'>(tabId, { type: 'capture:begin', masks });
  let meta: CaptureMeta;
  let image: Blob;
  let frames = 0;
  try {
    const height = Math.min(plan.height, MAX_CAPTURE_HEIGHT);
    const stitcher = createStitcher(plan.width, height);
    const paint: PaintOver[] = [];
    const expected = Math.ceil(height / Math.max(plan.crop.h, 1));
    let drawn = 0;
    while (drawn < height && frames <= expected + 2) {
      broadcast({ tabId, state: 'capturing', frame: frames + 1, frames: expected });
      const frame = await send<'capture:frame'>(tabId, { type: 'capture:frame', top: drawn, hideFixed: frames > 0 });
      if (!(await browser.tabs.get(tabId)).active) throw new Error('The tab was left while it was being captured.');
      const url = await captureVisible(windowId);
      frames += 1;
      const slice = frameSlice(frame.top, frame.crop.h, drawn, height);
      if (!slice) break; // the root scrolls no further: the page is shorter than it said
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      if (!matchesViewport(bitmap, plan)) {
        const got = `${bitmap.width} x ${bitmap.height} px`;
        const want = `${plan.viewWidth} x ${plan.viewHeight} at ${plan.dpr}`;
        bitmap.close();
        // Stitched at the wrong scale, the painted boxes would miss what they cover: refuse instead.
        throw new Error(`The tab’s picture (${got}) does not match its page (${want}): not saved.`);
      }
      stitcher.draw(bitmap, plan.viewWidth, frame.crop, slice);
      bitmap.close();
      paint.push(...frame.paint);
      drawn = slice.dstY + slice.rows;
    }
    const elements = await send<'capture:end'>(tabId, { type: 'capture:end', selectors });
    // Painted before the picture is encoded: it never leaves the browser with them.
    stitcher.paint(paint);
    if (plan.height > height) stitcher.cut(plan.height);
    image = await encodeWithin(stitcher, CAPTURE_LIMITS.imageBytes);
    // The scroll root's size when the picture is not all of it (cut), or is an inner scroller's content.
    const whole = plan.root === 'document' && plan.height <= height;
    meta = {
      seg: segmentOf(plan.viewWidth),
      width: Math.round(plan.width),
      height: Math.round(height),
      takenAt: Date.now(),
      ...(whole ? {} : { scrollRoot: { w: Math.round(plan.width), h: Math.round(plan.height) } }),
      elements,
    };
  } catch (error) {
    await send<'capture:abort'>(tabId, { type: 'capture:abort' }).catch(() => {});
    throw error;
  }
  const captureMs = Date.now() - started;
  broadcast({ tabId, state: 'uploading' });
  const id = await uploadCapture(config, site, path, meta, image);
  const result: CaptureResult = {
    id,
    seg: meta.seg,
    width: meta.width,
    height: meta.height,
    cut: plan.height > meta.height,
    type: image.type,
    bytes: image.size,
    frames,
    elements: meta.elements.length,
    ms: captureMs,
  };
  broadcast({ tabId, state: 'done', result });
  return result;
}
