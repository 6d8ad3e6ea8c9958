import browser from 'webextension-polyfill';
import type { CaptureBroadcast, CaptureResult } from '../messages.js';
import { sendToBackground } from '../send-message.js';

/** What the capture controls act on. */
export type CaptureTarget = {
  tabId: number;
  site: string;
  /** the page key, now (the overlay may have followed a navigation) */
  path: () => string;
  /** whether the overlay is on in the tab now */
  overlayOn: () => boolean;
};

/** `storage.local` key: the owner has read what a capture holds. */
const NOTICE_KEY = 'captureNoticeSeen';

const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;

/** The result line of a capture: size, type, frames and time. */
export function describeResult(r: CaptureResult): string {
  const type = r.type.replace('image/', '').toUpperCase();
  const cut = r.cut ? ', cut at the bottom' : '';
  const size = `${r.width} × ${r.height.toLocaleString('en-US')} px${cut}, ${kb(r.bytes)} ${type}`;
  return `Saved: ${size}, ${r.elements} named elements, ${r.frames} frames in ${(r.ms / 1000).toFixed(1)} s.`;
}

/** A file name for the overlay's PNG: site, page and the local date and time. */
export function pngName(site: string, path: string, at: Date): string {
  const page = path.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9_-]+/g, '-') || 'home';
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const when = `${day}-${pad(at.getHours())}${pad(at.getMinutes())}`;
  return `heatlens-${site}-${page.slice(0, 60)}-${when}.png`;
}

/**
 * The popup's capture controls: "Save this page for the dashboard" (progress and result from the
 * background's `capture:status` broadcasts; the capture runs in the background, so closing the
 * popup does not stop it), the first-time notice of what a picture holds, and "Download PNG" of
 * the overlay as the owner sees it (shown while the overlay is on).
 */
export function setupCapture(doc: Document, target: CaptureTarget): { refresh(): void } {
  const $ = <T extends HTMLElement>(s: string) => doc.querySelector<T>(s)!;
  const take = $<HTMLButtonElement>('#capture-take');
  const png = $<HTMLButtonElement>('#overlay-png');
  const status = $<HTMLParagraphElement>('#capture-status');
  const notice = $<HTMLParagraphElement>('#capture-notice');

  const seen = () => {
    notice.hidden = true;
    void browser.storage.local.set({ [NOTICE_KEY]: true });
  };
  void browser.storage.local.get(NOTICE_KEY).then((v) => (notice.hidden = v[NOTICE_KEY] === true));
  $('#capture-notice-ok').addEventListener('click', seen);

  const say = (text: string, state = '') => {
    status.textContent = text;
    status.dataset.state = state;
  };
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const m = raw as CaptureBroadcast;
    if (m?.type !== 'capture:status' || m.tabId !== target.tabId) return undefined;
    if (m.state === 'capturing')
      say(m.frames ? `Capturing… frame ${m.frame} of about ${m.frames}` : 'Capturing…', 'capturing');
    else if (m.state === 'uploading') say('Uploading…', 'uploading');
    return undefined;
  });

  take.addEventListener('click', () => {
    seen();
    take.disabled = true;
    say('Capturing…', 'capturing');
    sendToBackground({ type: 'capture:take', tabId: target.tabId, site: target.site, path: target.path() })
      .then(
        (result) => {
          say(describeResult(result), 'done');
          Object.assign(status.dataset, { id: result.id, ms: String(result.ms), bytes: String(result.bytes) });
        },
        (error: unknown) => say(error instanceof Error ? error.message : String(error), 'error'),
      )
      .finally(() => (take.disabled = false));
  });

  png.addEventListener('click', () => {
    png.disabled = true;
    sendToBackground({ type: 'overlay:png', tabId: target.tabId })
      .then(
        (url) => {
          const a = doc.createElement('a');
          a.href = url;
          a.download = pngName(target.site, target.path(), new Date());
          doc.body.append(a);
          a.click();
          a.remove();
        },
        (error: unknown) => say(error instanceof Error ? error.message : String(error), 'error'),
      )
      .finally(() => (png.disabled = false));
  });

  const refresh = () => void (png.hidden = !target.overlayOn());
  refresh();
  return { refresh };
}
