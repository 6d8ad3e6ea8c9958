import { Type, type Static } from '@sinclair/typebox';
import { MAX_EVENTS, MAX_SENT_URL, SCHEMA_VERSION, SESSION_ID_PATTERN, SITE_ID_PATTERN } from './constants.js';
import type { Event } from './events.js';

/**
 * The envelope of a batch. Events are checked one by one against their own type's schema
 * (see `parseBatch`), so an unknown type can be counted and skipped instead of failing the batch.
 */
export const BatchEnvelope = Type.Object({
  v: Type.Literal(SCHEMA_VERSION),
  id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,36}$' }),
  site: Type.String({ pattern: SITE_ID_PATTERN }),
  sid: Type.String({ pattern: SESSION_ID_PATTERN }),
  path: Type.String({ minLength: 1, maxLength: MAX_SENT_URL, pattern: '^/' }),
  vw: Type.Number({ minimum: 0, maximum: 100_000 }),
  sent: Type.Number({ minimum: 0, maximum: 8.64e15 }),
  /**
   * Events the SDK dropped since its previous batch (a full queue; moves left behind to stay
   * under the keepalive quota when the page was hidden). Optional; added in schema v1.
   */
  dropped: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  events: Type.Array(Type.Object({ type: Type.String({ minLength: 1, maxLength: 32 }) }), {
    minItems: 1,
    maxItems: MAX_EVENTS,
  }),
});

/** One `POST /collect` body (schema v1). */
export type Batch = Omit<Static<typeof BatchEnvelope>, 'events'> & { events: Event[] };
