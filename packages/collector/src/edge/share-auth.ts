import type { ShareGrant } from '@heatlens/schema';
import { unauthorized } from './auth.js';
import type { RateLimits } from './rate-limits.js';
import { HttpError } from './respond.js';
import { parseShareToken, secretMatches } from './share-token.js';

/** A link as the store keeps it (store/views-types.ts StoredShare), as far as checking it needs. */
export type ShareRecord = ShareGrant & { hash: string; revokedAt?: number };

/** The 404 of a revoked or expired link, on HTTP and on /live alike. */
export const shareGone = () => new HttpError(404, 'share: this link was revoked or has expired');

/**
 * Check a share token: the grant of its link. A token that is not a link's, names no link, or
 * whose secret does not match gets the 401 of any wrong token (`unauthorized`); every try at an
 * existing link counts against that link's read limit like a read (guessing its secret is rate-limited);
 * the link's own token, once the link is revoked or expired, gets 404 (`shareGone`).
 */
export function createShareAuth(deps: {
  getShare: (id: string, now: number) => Promise<ShareRecord | undefined>;
  limits: Pick<RateLimits, 'read'>;
  now: () => number;
}) {
  return async function grantOf(token: string): Promise<ShareRecord> {
    const parsed = parseShareToken(token);
    if (!parsed) throw unauthorized();
    const now = deps.now();
    const share = await deps.getShare(parsed.id, now);
    // Counted once the link exists, as reads count only valid tokens: random ids create no limiter keys.
    if (share) await deps.limits.read(`share:${parsed.id}`);
    if (!share || !secretMatches(parsed.secret, share.hash)) throw unauthorized();
    if (share.revokedAt !== undefined || share.expiresAt <= now) throw shareGone();
    return share;
  };
}
export type ShareAuth = ReturnType<typeof createShareAuth>;

/** The grant as a link's holder may see it: without its hash. */
export function publicGrant(s: ShareRecord): ShareGrant {
  return s.viewId !== undefined
    ? { id: s.id, site: s.site, expiresAt: s.expiresAt, viewId: s.viewId }
    : { id: s.id, site: s.site, expiresAt: s.expiresAt, path: s.path, kind: s.kind, seg: s.seg, window: s.window };
}
