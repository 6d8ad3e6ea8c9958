import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundKey, MAX_PATH, pageKey } from './page-key.js';

/** True when `s` ends inside a percent-escape or with a lone high surrogate. */
const splits = (s: string) =>
  /%[0-9A-Fa-f]?~/.test(s) || /%[0-9A-Fa-f]?$/.test(s) || /[\ud800-\udbff](?![\udc00-\udfff])/.test(s);

// Paths as browsers report them (percent-encoded UTF-8) and as people type them (raw Unicode).
const segment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.webSegment(),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const path = fc.array(segment, { maxLength: 60 }).map((xs) => '/' + xs.join('/'));
const encoded = path.map((p) => encodeURI(p.replace(/[\ud800-\udfff]/g, '')));

describe('pageKey', () => {
  it('keeps the example: /blog/ + 60 x 文 (546 chars encoded) becomes a 512-char key with no split escape', () => {
    const p = '/blog/' + encodeURIComponent('文'.repeat(60));
    expect(p).toHaveLength(546);
    const k = pageKey(p);
    expect(k.length).toBeLessThanOrEqual(MAX_PATH);
    expect(k).toMatch(/^\/blog\/(%E6%96%87)+~[0-9a-z]{2,14}$/);
    expect(pageKey(p + 'x')).not.toBe(k);
  });

  it('never exceeds 512 chars, never splits an escape or a surrogate pair, is idempotent and deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(path, encoded), (p) => {
        const k = pageKey(p);
        expect(k.length).toBeLessThanOrEqual(MAX_PATH);
        expect(k.length).toBeGreaterThan(0);
        if (p.length > MAX_PATH) expect(splits(k.replace(/~[0-9a-z]+$/, '~'))).toBe(false);
        expect(pageKey(k)).toBe(k);
        expect(pageKey(p)).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps distinct paths distinct, long ones included', () => {
    fc.assert(
      fc.property(fc.oneof(path, encoded), fc.oneof(path, encoded), (a, b) => {
        fc.pre(a.normalize('NFC') != b.normalize('NFC'));
        expect(pageKey(a)).not.toBe(pageKey(b));
      }),
      { numRuns: 500 },
    );
    // Long paths sharing their first 600 chars.
    const base = '/a/' + 'x'.repeat(600);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a != b);
        expect(pageKey(base + a)).not.toBe(pageKey(base + b));
      }),
    );
  });

  it('one text in two Unicode forms is one page', () => {
    expect(pageKey('/caf\u0065\u0301')).toBe(pageKey('/caf\u00e9'));
  });

  it('boundKey never cuts into an escape at any cut point', () => {
    const s = '/' + '%E6%96%87'.repeat(100);
    for (let max = 16; max < 40; max++) {
      const k = boundKey(s, max);
      expect(k.length).toBeLessThanOrEqual(max);
      expect(k.replace(/~[0-9a-z]+$/, '')).toMatch(/^\/(%E6%96%87)*$/);
    }
  });
});
