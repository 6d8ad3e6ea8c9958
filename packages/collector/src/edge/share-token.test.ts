import { describe, expect, it } from 'vitest';
import { hashSecret, isShareToken, mintShareToken, newSavedId, parseShareToken, secretMatches } from './share-token.js';

describe('share tokens', () => {
  it('mints a token naming its link, with a 256-bit secret of which only the hash is kept', () => {
    const id = newSavedId('shop');
    expect(id).toMatch(/^shop\.[A-Za-z0-9_-]{22}$/);
    const { token, hash } = mintShareToken(id);
    expect(isShareToken(token)).toBe(true);
    const parsed = parseShareToken(token)!;
    expect(parsed.id).toBe(id);
    expect(Buffer.from(parsed.secret, 'base64url')).toHaveLength(32);
    expect(hash).toBe(hashSecret(parsed.secret));
    expect(token).not.toContain(hash);
    expect(secretMatches(parsed.secret, hash)).toBe(true);
  });

  it('never mints the same secret twice', () => {
    const id = newSavedId('shop');
    expect(mintShareToken(id).token).not.toBe(mintShareToken(id).token);
  });

  it('refuses a secret that does not hash to the stored hash, and malformed tokens', () => {
    const { token, hash } = mintShareToken(newSavedId('shop'));
    const { secret } = parseShareToken(token)!;
    const other = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    expect(secretMatches(other, hash)).toBe(false);
    expect(secretMatches(secret, 'abc')).toBe(false);
    expect(parseShareToken('hls.nonsense')).toBeUndefined();
    expect(parseShareToken(`${token}x`)).toBeUndefined();
    expect(isShareToken('a-read-token-0123456789')).toBe(false);
  });
});
