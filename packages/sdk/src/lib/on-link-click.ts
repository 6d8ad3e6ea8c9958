import { listen } from './listen.js';
import { stripUrl } from './strip-url.js';

/**
 * Calls `cb` with the link and its URL (without query or hash) when an `<a href>` or `<area href>`
 * is clicked, middle clicks (`auxclick`, a new tab) included.
 */
export function onLinkClick(cb: (a: HTMLAnchorElement, url: string) => void, signal: AbortSignal): void {
  for (const t of ['click', 'auxclick'])
    listen(document, t, (e) => {
      const a = e.target instanceof Element && (e.target.closest('a[href],area[href]') as HTMLAnchorElement | null);
      const url = a && stripUrl(a.href);
      if (url) cb(a, url);
    }, signal);
}
