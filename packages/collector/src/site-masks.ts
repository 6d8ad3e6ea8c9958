import { MAX_MASKS, MAX_SELECTOR } from '@heatlens/schema';

/**
 * Check a site's `masks`: at most `MAX_MASKS` CSS selectors, each a non-empty string of at most
 * `MAX_SELECTOR` characters without control characters. The collector does not parse CSS: the
 * extension hands them to `querySelectorAll`, where an invalid one masks nothing and is reported
 * there. Throws a TypeError naming the first problem (`at` names the field).
 */
export function checkMasks(masks: unknown, at: string): asserts masks is string[] {
  if (!Array.isArray(masks) || masks.length > MAX_MASKS)
    throw new TypeError(`${at} must be an array of at most ${MAX_MASKS} CSS selectors`);
  masks.forEach((m: unknown, i) => {
    // eslint-disable-next-line no-control-regex
    if (typeof m !== 'string' || !m.trim() || m.length > MAX_SELECTOR || /[\u0000-\u001f\u007f]/.test(m))
      throw new TypeError(`${at}[${i}] must be a CSS selector of 1 to ${MAX_SELECTOR} characters`);
  });
}
