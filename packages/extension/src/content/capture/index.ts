import browser from 'webextension-polyfill';
import { findScrollRoot } from '@heatlens/schema/scroll-root';
import type { CapturePlan, CaptureRect, CaptureRequest, CaptureRequests } from '../../capture-messages.js';
import { measureElements } from './element-geometry.js';
import { paintBoxes } from './paint-boxes.js';
import { pinPage, type PinnedPage } from './pin-page.js';
import { settle } from './settle.js';

// Injected by the background (`scripting.executeScript`) only when a capture is asked for, into
// that tab only. It moves the page for the background, which takes the pictures: pins it, scrolls
// the scroll root frame by frame, says what to paint over and where the click maps' elements are,
// then puts everything back. One capture at a time; a second script injected into the same page
// leaves the first in charge.

const INSTALLED = Symbol.for('heatlens.capture');
type Scope = typeof globalThis & { [INSTALLED]?: true };

type Session = { root: Element; pinned: PinnedPage; masks: string[] };
let session: Session | null = null;
/** The last `begin` asked for: a new one starts only once it has pinned (or failed), never beside it. */
let beginning: Promise<unknown> = Promise.resolve();

function isDocumentRoot(doc: Document, root: Element): boolean {
  return root === doc.scrollingElement || root === doc.documentElement;
}

/** Where the scroll root's visible content is in the viewport, and its content size. */
function geometry(win: Window, root: Element): { crop: CaptureRect; width: number; height: number } {
  const doc = win.document;
  if (isDocumentRoot(doc, root)) {
    const html = doc.documentElement;
    const crop = { x: 0, y: 0, w: html.clientWidth, h: Math.min(html.clientHeight, win.innerHeight) };
    return { crop, width: crop.w, height: Math.max(root.scrollHeight, crop.h) };
  }
  const r = root.getBoundingClientRect();
  const x = Math.max(0, r.left + root.clientLeft);
  const y = Math.max(0, r.top + root.clientTop);
  const crop = {
    x,
    y,
    w: Math.min(root.clientWidth, win.innerWidth - x),
    h: Math.min(root.clientHeight, win.innerHeight - y),
  };
  return { crop, width: root.clientWidth, height: Math.max(root.scrollHeight, crop.h) };
}

function scrollTop(win: Window, root: Element): number {
  return isDocumentRoot(win.document, root) ? win.scrollY : root.scrollTop;
}

function scrollTo(win: Window, root: Element, top: number): void {
  if (isDocumentRoot(win.document, root)) win.scrollTo({ left: 0, top, behavior: 'instant' });
  else root.scrollTo({ left: 0, top, behavior: 'instant' });
}

function end(): void {
  session?.pinned.restore();
  session = null;
}

/**
 * One capture at a time: two begins at once would each pin the page, the second saving the first's
 * pinned styles as the page's own and putting those back at its end. So a begin waits for the one
 * before it, then gives the page back from whatever session is left before pinning it again.
 */
function begin(win: Window, masks: string[]): Promise<CapturePlan> {
  const next = beginning.catch(() => {}).then(() => beginNow(win, masks));
  beginning = next;
  return next;
}

async function beginNow(win: Window, masks: string[]): Promise<CapturePlan> {
  end(); // a capture left half way (its background went away) gives the page back first
  await win.document.fonts?.ready;
  const root = findScrollRoot(win.document);
  const pinned = pinPage(win, root);
  session = { root, pinned, masks };
  if (!isDocumentRoot(win.document, root)) win.scrollTo({ left: 0, top: 0, behavior: 'instant' });
  scrollTo(win, root, 0);
  await settle(win, root);
  const g = geometry(win, root);
  return {
    root: isDocumentRoot(win.document, root) ? 'document' : 'element',
    width: g.width,
    height: g.height,
    viewWidth: win.innerWidth,
    viewHeight: win.innerHeight,
    dpr: win.devicePixelRatio || 1,
    crop: g.crop,
  };
}

type Reply<K extends keyof CaptureRequests> = Promise<CaptureRequests[K]['reply']>;

async function handle(win: Window, message: CaptureRequest): Promise<unknown> {
  switch (message.type) {
    case 'capture:begin':
      return begin(win, message.masks) satisfies Reply<'capture:begin'>;
    case 'capture:frame': {
      if (!session) throw new Error('no capture under way');
      const { root, pinned, masks } = session;
      if (message.hideFixed) pinned.hideFixed();
      scrollTo(win, root, message.top);
      await settle(win, root);
      const { crop } = geometry(win, root);
      const top = scrollTop(win, root);
      return {
        top,
        crop,
        paint: paintBoxes(win.document, masks, { crop, top }, (el) => pinned.inHidden(el)),
      } satisfies Awaited<Reply<'capture:frame'>>;
    }
    case 'capture:end': {
      if (!session) throw new Error('no capture under way');
      const { root, pinned, masks } = session;
      try {
        return measureElements(win.document, message.selectors, root, pinned, masks);
      } finally {
        end();
      }
    }
    case 'capture:abort':
      end();
      return true;
  }
}

function install(): void {
  const scope = globalThis as Scope;
  if (scope[INSTALLED]) return;
  scope[INSTALLED] = true;
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const type = (raw as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('capture:')) return undefined; // the overlay's
    return handle(window, raw as CaptureRequest).catch((error: unknown) => {
      end(); // never leave the page pinned
      throw error;
    });
  });
  // The owner leaves or reloads: nothing to give back after that, but a half-done capture ends.
  window.addEventListener('pagehide', end);
}

try {
  install();
} catch {
  // Never throw into the host page.
}
