import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_URL, normalizeSentUrl, normalizeUrl } from './normalize-url.js';

const base = 'http://shop.test:8080/p/1';
/**
 * A failing run is reported at once with its seed and input, not shrunk: shrinking an 800-char
 * grapheme string held a test worker at 100 % CPU for over ten minutes, past any test timeout
 * (the property runs synchronously). A property also stops drawing new inputs after 20 s.
 */
const BOUNDED = { endOnFailure: true, interruptAfterTimeLimit: 20_000 };

/** The origin and path `normalizeUrl(u, base)` had to cut (past MAX_URL), else undefined. */
function cut(u: string): string | undefined {
  try {
    const x = new URL(u, base);
    const whole = x.origin + x.pathname;
    return /^https?:$/.test(x.protocol) && whole.length > MAX_URL ? whole : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether cutting `s` at `k` splits an escape or a UTF-8 sequence of escapes (a lead byte
 * `%C0`-`%FF` and its `%80`-`%BF` continuations). A `%` not followed by two hex digits is literal.
 */
function splitAt(s: string, k: number): boolean {
  const hex = (i: number) => /^%[0-9a-f]{2}$/i.test(s.slice(i, i + 3));
  for (let i = 0; i < k;) {
    if (!hex(i)) {
      i++;
      continue;
    }
    let end = i + 3;
    if (/[c-f]/i.test(s[i + 1]!)) while (hex(end) && /[89ab]/i.test(s[end + 1]!)) end += 3;
    if (k > i && k < end) return true;
    i = end;
  }
  return false;
}

describe('normalizeUrl', () => {
  it('data: keeps only the media type: a CSV of personal data never leaves the page', () => {
    expect(normalizeUrl('data:text/csv,name%2Cemail%0AJane%2Cjane%40example.org', base)).toBe('data:text/csv');
    expect(normalizeUrl('data:image/PNG;base64,iVBORw0KGgo=', base)).toBe('data:image/png');
    expect(normalizeUrl('data:,hello', base)).toBe('data:');
  });

  it('blob: and filesystem: keep the scheme and origin, or the download file name', () => {
    const uuid = 'blob:http://shop.test:8080/0b5e2a0c-39a5-4f4e-8a8f-7b8e5a1c9d11';
    expect(normalizeUrl(uuid, base)).toBe('blob:http://shop.test:8080');
    expect(normalizeUrl(uuid, base, {}, 'report 2024.csv')).toBe('blob:http://shop.test:8080/report%202024.csv');
    expect(normalizeUrl('filesystem:http://shop.test:8080/temporary/x.txt', base)).toBe(
      'filesystem:http://shop.test:8080',
    );
  });

  it('drops javascript:, keeps only the scheme of mailto: and tel:, and resolves relative URLs', () => {
    expect(normalizeUrl('javascript:alert(1)', base)).toBeUndefined();
    expect(normalizeUrl('mailto:jane@example.org?subject=hi', base)).toBe('mailto:');
    expect(normalizeUrl('tel:+15550100', base)).toBe('tel:');
    expect(normalizeUrl('../files/guide.pdf?token=secret#p2', base)).toBe('http://shop.test:8080/files/guide.pdf');
    expect(normalizeUrl('', base)).toBeUndefined();
    expect(normalizeUrl('http://[bad', base)).toBeUndefined();
  });

  it('keeps query and fragment only when opted in', () => {
    expect(normalizeUrl('/a?b=1#c', base, { query: true })).toBe('http://shop.test:8080/a?b=1');
    expect(normalizeUrl('/a?b=1#c', base, { query: true, hash: true })).toBe('http://shop.test:8080/a?b=1#c');
  });

  it('is bounded, never splits an escape, is deterministic and keeps distinct http URLs distinct', () => {
    const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
    const long = fc
      .tuple(url, fc.string({ unit: 'grapheme', minLength: 300, maxLength: 800 }))
      .map(([u, s]) => u.replace(/[?#].*$/, '') + '/' + s);
    fc.assert(
      fc.property(fc.oneof(url, long, fc.string()), (u) => {
        const n = normalizeUrl(u, base);
        if (n === undefined) return;
        expect(n.length).toBeLessThanOrEqual(MAX_URL);
        // A cut prefix of the whole URL ends between its escapes (and UTF-8 sequences), never in one;
        // a `%` the path holds as typed is a literal one (a long input whose fragment is dropped is not cut).
        const whole = cut(u);
        if (whole) {
          const kept = n.replace(/~[0-9a-z]+$/, '');
          expect(whole.startsWith(kept)).toBe(true);
          expect(splitAt(whole, kept.length), kept.slice(-12)).toBe(false);
        }
        expect(n).not.toMatch(/[?#]/);
        expect(normalizeUrl(u, base)).toBe(n);
        expect(normalizeUrl(n, base)).toBe(n);
      }),
      { ...BOUNDED, numRuns: 200 },
    );
    fc.assert(
      fc.property(long, long, (a, b) => {
        const [x, y] = [new URL(a), new URL(b)];
        fc.pre(x.origin + x.pathname != y.origin + y.pathname);
        expect(normalizeUrl(a, base)).not.toBe(normalizeUrl(b, base));
      }),
      { ...BOUNDED, numRuns: 100 },
    );
  }, 30_000); // 300 generated URLs: seconds on a loaded 2-core machine, past vitest's 5 s default
});

describe('normalizeSentUrl', () => {
  it('keeps a relative URL relative (no placeholder host)', () => {
    expect(normalizeSentUrl('/files/a.pdf')).toBe('/files/a.pdf');
    expect(normalizeSentUrl('http://localhost/files/a.pdf')).toBe('http://localhost/files/a.pdf');
  });
  it('stores what an SDK stripped as normalizeUrl would, keeping a blob download name and an opted-in query', () => {
    expect(normalizeSentUrl('blob:http://shop.test:8080/report%202024.csv')).toBe(
      'blob:http://shop.test:8080/report%202024.csv',
    );
    expect(normalizeSentUrl('blob:http://shop.test:8080')).toBe('blob:http://shop.test:8080');
    expect(normalizeSentUrl('data:TEXT/csv')).toBe('data:text/csv');
    expect(normalizeSentUrl('mailto:jane@example.org')).toBe('mailto:');
    expect(normalizeSentUrl('javascript:alert(1)')).toBeUndefined();
    expect(normalizeSentUrl('http://shop.test/a?b=1#c')).toBe('http://shop.test/a?b=1#c');
    expect(normalizeSentUrl('')).toBeUndefined();
  });

  it('bounds long URLs to MAX_URL with a hash, keeps distinct ones distinct, idempotent on normalizeUrl output', () => {
    const long = fc
      .string({ unit: 'grapheme', minLength: 1100, maxLength: 2000 })
      .map((s) => 'https://cdn.test/' + encodeURIComponent(s).slice(0, 2000).replace(/%.?$/, ''));
    fc.assert(
      fc.property(long, long, (a, b) => {
        const [x, y] = [normalizeSentUrl(a)!, normalizeSentUrl(b)!];
        expect(x.length).toBeLessThanOrEqual(MAX_URL);
        if (a != b) expect(x).not.toBe(y);
        expect(normalizeSentUrl(x)).toBe(x);
      }),
      { ...BOUNDED, numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        const n = normalizeUrl(u, base);
        if (n !== undefined) expect(normalizeSentUrl(n)).toBe(n);
      }),
      { ...BOUNDED, numRuns: 200 },
    );
  });
});
