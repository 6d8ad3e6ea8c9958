import type { DownloadEvent } from '@heatlens/schema';
import { linkOf } from '../lib/link-of.js';
import { listen } from '../lib/listen.js';
import { stopper } from '../lib/stopper.js';
import { stripUrl } from '../lib/strip-url.js';
import type { Emit, Stop, TrackerOptions } from '../lib/types.js';

/** Options of {@link trackDownloads}. */
export interface DownloadOptions extends TrackerOptions {
  /** File extensions that make a link a download, `|`-separated. Default: common documents, archives, media, installers. */
  extensions?: string;
}

const EXTENSIONS = 'pdf|zip|gz|7z|rar|dmg|exe|msi|apk|csv|xlsx?|docx?|pptx?|txt|mp3|mp4';

/**
 * Tracks downloads: clicks (including middle clicks) on links with a `download` attribute or to a
 * file with one of `extensions`. The URL is reported without query or hash.
 */
export function trackDownloads(emit: Emit<DownloadEvent>, opts: DownloadOptions = {}): Stop {
  const c = stopper(opts.signal);
  const re = new RegExp(`\\.(${opts.extensions || EXTENSIONS})$`, 'i');
  const check = (e: globalThis.Event) => {
    const a = linkOf(e);
    const url = a && stripUrl(a.href);
    if (url && (a.hasAttribute('download') || re.test(url))) emit({ type: 'download', ts: Date.now(), url });
  };
  for (const t of ['click', 'auxclick']) listen(document, t, check, c.signal);
  return () => c.abort();
}
