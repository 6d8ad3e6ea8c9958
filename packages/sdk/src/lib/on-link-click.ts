import { listen } from './listen.js';
import { stripUrl } from './strip-url.js';

/**
 * Calls `cb` with the link and its URL (without query or hash) when an `<a href>` or `<area href>`
 * is clicked, middle clicks (`auxclick`, a new tab) included.
 */
export function onLinkClick(cb: (a: HTMLAnchorElement, url: string) => void, signal: AbortSignal): void {
  listen(document, 'click auxclick', (e) => {
    // A click targets an element; one dispatched at the document throws here, inside the guard.
    const a = (e.target as Element).closest<HTMLAnchorElement>('a[href],area[href]');
    const url = a && stripUrl(a.href);
    if (url) cb(a, url);
  }, signal);
}
