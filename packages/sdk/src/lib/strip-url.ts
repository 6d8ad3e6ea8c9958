import { normalizeUrl, type UrlOptions } from '@heatlens/schema/normalize-url';

/**
 * A URL the SDK sends (download, outbound, media and image `src`, referrer), resolved against the
 * page and normalised by the schema's one rule (`normalizeUrl`: no content of `data:` URLs, no
 * `blob:` ids, no `javascript:`, query and hash only if the site opts in, bounded). `name`: a
 * download's file name. Undefined for empty or unparsable input, so an optional field is left out.
 */
export function stripUrl(url: string, o?: UrlOptions, name?: string | null): string | undefined {
  return normalizeUrl(url, location.href, o, name);
}
