/** Longest page key on the wire (`Batch.path`) and in every read API's `path`. */
export const MAX_PATH = 512;

/**
 * A short stable hash of `s`: two 32-bit FNV-1a-style hashes (different primes and seeds) in base
 * 36, at most 14 chars. Not a secret: it only keeps long keys apart.
 */
const hash = (s: string): string => {
  let a = 2166136261;
  let b = 5381;
  for (let i = 0; i < s.length; i++) {
    a = Math.imul(a ^ s.charCodeAt(i), 16777619);
    b = Math.imul(b ^ s.charCodeAt(i), 40503);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
};

/**
 * `s` bounded to `max` UTF-16 units: as it is when it fits; else a prefix, `~` and a hash of the
 * whole of `s`, so distinct long inputs keep distinct results and one input always gets the same
 * one. The prefix never ends inside a percent-escape or a UTF-8 sequence (`%E` or `%E6%96` of
 * `%E6%96%87`) or between the halves of a surrogate pair. `max` must be at least 16.
 */
export function boundKey(s: string, max: number): string {
  if (s.length <= max) return s;
  const h = '~' + hash(s);
  // Cut back past a partial escape (`%E`), a UTF-8 sequence missing bytes (`%E6%96`: any
  // trailing lead byte with its continuations) and a high surrogate that lost its low half.
  const p = s
    .slice(0, max - h.length)
    .replace(/(%[c-f][\da-f](%[89ab][\da-f]){0,2})?(%[\da-f]?)?$|[\ud800-\udbff]$/i, '');
  return p + h;
}

/**
 * The page key of a path (`location.pathname`, plus query and hash where the site keeps them): the
 * one rule the SDK (`Batch.path`), the collector's read API and the extension share, so a page is
 * asked for under the key it was recorded with. NFC-normalised (the same text typed or pasted in
 * another Unicode form is one page), at most {@link MAX_PATH} chars by {@link boundKey}, `/` for
 * an empty path. Idempotent: `pageKey(pageKey(p)) == pageKey(p)`.
 */
export function pageKey(path: string): string {
  return boundKey(path.normalize('NFC'), MAX_PATH) || '/';
}
