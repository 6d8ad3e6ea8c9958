import browser from 'webextension-polyfill';

/**
 * Chrome refuses more than `tabs.MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND` (2) `captureVisibleTab`
 * calls a second per extension ("This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND
 * quota"); Firefox has no such quota and no such constant, so 2 there too.
 * https://developer.chrome.com/docs/extensions/reference/api/tabs#property-MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND
 */
export const CAPTURES_PER_SECOND =
  (globalThis as { chrome?: { tabs?: { MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND?: number } } }).chrome?.tabs
    ?.MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND ?? 2;

/** Margin kept above the quota's spacing, ms: the browser's clock and ours are not the same. */
const MARGIN_MS = 40;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
let last = 0;
let queue: Promise<unknown> = Promise.resolve();

/**
 * `tabs.captureVisibleTab` of a window's active tab, as a data URL, spaced to stay within the
 * quota: calls queue one after the other (every capture of every tab shares the quota), each at
 * least 1/`CAPTURES_PER_SECOND` s after the last. `format` default `png` (lossless: the frames are
 * composed and encoded once, later).
 */
export function captureVisible(windowId: number, format: 'png' | 'jpeg' = 'png'): Promise<string> {
  const run = queue.then(async () => {
    const wait = last + 1000 / CAPTURES_PER_SECOND + MARGIN_MS - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      return await browser.tabs.captureVisibleTab(windowId, { format });
    } finally {
      last = Date.now();
    }
  });
  queue = run.catch(() => {});
  return run;
}
