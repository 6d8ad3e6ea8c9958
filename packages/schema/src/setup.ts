import { Type, type Static } from '@sinclair/typebox';

// `GET /api/setup?site=S`: whether a site's pages reach the collector, for the owner's first hour.
// Declared once; the collector answers it, the dashboard's setup panel reads it.

/** Why a batch was refused (the reason the collector gave in its 4xx answer). */
export const REFUSAL_REASONS = ['unknown_site', 'origin', 'invalid', 'rate_limited'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Distinct details (origins, fields, site ids) kept per reason; the rest count as `other`. */
export const SETUP_DETAILS_MAX = 5;

/** Refusals of one reason: how many, and the most frequent details, at most `SETUP_DETAILS_MAX`. */
export const Refusals = Type.Object({
  count: Type.Number(),
  /** origin (origin), field (invalid), site id as sent (unknown_site); count each */
  top: Type.Array(Type.Object({ detail: Type.String(), count: Type.Number() })),
  /** refusals whose detail is not in `top` */
  other: Type.Number(),
});
export type Refusals = Static<typeof Refusals>;

/**
 * A site's setup: batches refused in the last hour by reason, and when a batch was last accepted.
 * `unknown_site` lists site ids sent that no site has and that are near this one's id (a typo, a
 * case): a batch for an unknown site names no site of ours to be counted under.
 */
export const Setup = Type.Object({
  site: Type.String(),
  /** the span counted, ms (one hour) ending at `to` */
  windowMs: Type.Number(),
  to: Type.Number(),
  /** the last batch accepted for the site, server clock ms; null: none in 30 days */
  lastAccepted: Type.Union([Type.Number(), Type.Null()]),
  refused: Type.Object({
    unknown_site: Refusals,
    origin: Refusals,
    invalid: Refusals,
    rate_limited: Refusals,
  }),
});
export type Setup = Static<typeof Setup>;
