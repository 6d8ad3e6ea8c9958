import type { UrlOptions } from '@heatlens/schema/normalize-url';
import { listen } from './listen.js';
import { stripUrl } from './strip-url.js';

/**
 * Calls `cb` with the link and its normalised URL (`stripUrl`, with the link's `download` name)
 * when an `<a href>` or `<area href>` is clicked, middle clicks (`auxclick`, a new tab) included.
 */
export function onLinkClick(
  cb: (a: HTMLAnchorElement, url: string) => void,
  signal: AbortSignal,
  o?: UrlOptions,
): void {
  listen(
    document,
    'click auxclick',
    (e) => {
      // The real target inside an open shadow root (the document sees its host). A click targets
      // an element; one dispatched at the document throws here, inside the guard.
      const a = (e.composedPath()[0] as Element).closest<HTMLAnchorElement>('a[href],area[href]');
      const url = a && stripUrl(a.href, o, a.getAttribute('download'));
      if (url) cb(a, url);
    },
    signal,
  );
}
