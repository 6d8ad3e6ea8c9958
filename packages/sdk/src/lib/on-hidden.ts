import { listen } from './listen.js';

/**
 * Calls `cb` when the page is hidden (`visibilitychange` to hidden) or unloaded (`pagehide`), the
 * last moments a page reliably gets (https://developer.chrome.com/docs/web-platform/page-lifecycle-api).
 * Trackers listen in the capture phase at the document and window, the transport in the bubble
 * phase at the window (`late`), so trackers report first and the transport's final flush sends it.
 */
export function onHidden(cb: () => void, signal: AbortSignal, late = false): void {
  const hidden = () => document.visibilityState == 'hidden' && cb();
  listen(late ? window : document, 'visibilitychange', hidden, signal, !late);
  listen(window, 'pagehide', cb, signal, !late);
}
