import type { DownloadEvent } from '@heatlens/schema';
import type { UrlOptions } from '@heatlens/schema/normalize-url';
import { onLinkClick } from '../lib/on-link-click.js';
import { tracker } from '../lib/tracker.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackDownloads}. */
export interface DownloadOptions extends TrackerOptions, UrlOptions {
  /**
   * File extensions that make a link a download, `|`-separated. Default: common documents, archives,
   * media, installers.
   */
  extensions?: string;
}

// pdf, zip, gz, 7z, rar, dmg, exe, msi, apk, csv, xls(x), doc(x), ppt(x), txt, mp3, mp4.
const EXTENSIONS = 'pdf|zip|gz|7z|rar|dmg|exe|msi|apk|csv|(xls|doc|ppt)x?|txt|mp[34]';

/**
 * Tracks downloads: clicks (including middle clicks) on links with a `download` attribute or to a
 * file with one of `extensions`. The URL is normalised (`stripUrl`): a `data:` download reports
 * only its media type, a `blob:` one its origin and file name; query and hash only if opted in.
 */
export const trackDownloads: (emit: Emit<DownloadEvent>, opts?: DownloadOptions) => Stop = tracker<
  DownloadEvent,
  DownloadOptions
>((emit, opts, signal) => {
  const re = RegExp(`\\.(${opts.extensions || EXTENSIONS})$`, 'i');
  onLinkClick(
    (a, url) => (a.hasAttribute('download') || re.test(url)) && emit({ type: 'download', ts: Date.now(), url }),
    signal,
    opts,
  );
});
