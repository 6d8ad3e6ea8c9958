import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SAVED_ID_PATTERN, SHARE_TOKEN_PREFIX } from '@heatlens/schema';

const SAVED_ID = new RegExp(SAVED_ID_PATTERN);
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** A new id for a saved view or a link of `site`: `<site>.<16 random bytes, base64url>`. */
export const newSavedId = (site: string) => `${site}.${randomBytes(16).toString('base64url')}`;

/** Whether `id` is spelled as a saved id (schema SAVED_ID_PATTERN). */
export const isSavedId = (id: string) => SAVED_ID.test(id);

/** SHA-256 (hex) of a link's secret: all the store keeps of it. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A new link's token: `hls.<id>.<32 random bytes, base64url>` (256 bits), and the hash to store. */
export function mintShareToken(id: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${SHARE_TOKEN_PREFIX}${id}.${secret}`, hash: hashSecret(secret) };
}

/** Whether a bearer token is a link's (it is then never a read token: those hold no `.`). */
export const isShareToken = (token: string | undefined): token is string =>
  token?.startsWith(SHARE_TOKEN_PREFIX) ?? false;

/** The link id and secret of a share token, or undefined when it is not spelled as one. */
export function parseShareToken(token: string): { id: string; secret: string } | undefined {
  const rest = token.slice(SHARE_TOKEN_PREFIX.length);
  const dot = rest.lastIndexOf('.');
  const id = rest.slice(0, dot);
  const secret = rest.slice(dot + 1);
  return dot > 0 && isSavedId(id) && SECRET.test(secret) ? { id, secret } : undefined;
}

/** Whether `secret` hashes to `hash`, compared in constant time. */
export function secretMatches(secret: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
