import { listen } from './listen.js';

/**
 * Calls `cb` when the page is hidden: a tab switch, a minimised window, or the page unloading
 * (the HTML spec hides a document before unloading it, and it is the last event mobile browsers
 * reliably deliver: https://developer.chrome.com/docs/web-platform/page-lifecycle-api).
 * It listens at the document, so the transport's listener at the window (bubble phase) runs
 * after every tracker's and its final flush carries what they reported.
 */
export function onHidden(cb: () => void, signal: AbortSignal): void {
  listen(document, 'visibilitychange', () => document.visibilityState == 'hidden' && cb(), signal);
}
