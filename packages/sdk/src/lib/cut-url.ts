import { MAX_SENT_URL } from '@heatlens/schema/constants';

/**
 * `s` cut to the wire's `MAX_SENT_URL` chars, never inside a percent-escape (`%E` of `%E6`). The
 * collector bounds what it keys and stores (the schema's `pageKey` and `normalizeUrl`, with a
 * hash of the whole), so the SDK does not ship them.
 */
export function cutUrl(s: string): string {
  return s.slice(0, MAX_SENT_URL).replace(/%.?$/, '');
}
