import { Type, type Static } from '@sinclair/typebox';

// What an alert says: the webhook body the collector POSTs, and what the dashboard lists. Declared
// here once; the collector builds it and the dashboard reads it.

/** The alert rules a site may set (`alerts` in its sites entry). */
export const ALERT_RULES = ['rage', 'dead', 'quiet', 'spike'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/**
 * One alert notification. `id` names the (rule, page, element) it is about, the same in its
 * `firing` and its `resolved` notice. `page` is the page key (route template or path), `*` for a
 * site-wide rule; `element` the selector for `rage` and `dead`, else null. `figures` are the
 * numbers the rule compared (per rule: see the README); `window` the live window they were read
 * over (server clock, ms since epoch); `link` opens the dashboard on the page; `text` is a one-line
 * summary that Slack- and Mattermost-style incoming webhooks show as is.
 */
export const Alert = Type.Object({
  id: Type.String(),
  site: Type.String(),
  page: Type.String(),
  rule: Type.Union(ALERT_RULES.map((r) => Type.Literal(r))),
  state: Type.Union([Type.Literal('firing'), Type.Literal('resolved')]),
  element: Type.Union([Type.String(), Type.Null()]),
  figures: Type.Record(Type.String(), Type.Number()),
  window: Type.Object({ ms: Type.Number(), from: Type.Number(), to: Type.Number() }),
  /** when this notice was raised, server clock */
  at: Type.Number(),
  link: Type.String(),
  text: Type.String(),
});
export type Alert = Static<typeof Alert>;

/** A site's alerts as the dashboard lists them: firing now, and recent notices (newest first). */
export const AlertList = Type.Object({ firing: Type.Array(Alert), recent: Type.Array(Alert) });
export type AlertList = Static<typeof AlertList>;
