import { Type, type Static } from '@sinclair/typebox';
import { MAX_SELECTOR, MAX_SENT_URL } from './constants.js';

// Bounds: every string has a maximum length and every number a range, so one event can never
// cost the collector more than a few hundred bytes of work or memory.
const MAX_PX = 10_000_000;
const Ts = Type.Number({ minimum: 0, maximum: 8.64e15, description: 'client clock, ms since epoch' });
const Px = Type.Number({ minimum: 0, maximum: MAX_PX });
const Size = Type.Number({ exclusiveMinimum: 0, maximum: MAX_PX });
const Frac = Type.Number({ minimum: 0, maximum: 1 });
const Str = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const PageviewEvent = Type.Object({
  type: Type.Literal('pageview'),
  ts: Ts,
  ref: Type.Optional(Type.String({ maxLength: 2048 })),
  lang: Type.Optional(Type.String({ maxLength: 35 })),
  tz: Type.Optional(Type.String({ maxLength: 64 })),
  vh: Type.Number({ minimum: 0, maximum: 100_000 }),
  sw: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
  sh: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000 })),
});

/**
 * Where a point sits over a `position: fixed` or stuck `sticky` box: `fixed: true` with `cx`, `cy`
 * in viewport CSS px and `vh` the viewport height (the batch's `vw` is its width). The collector
 * tiles such points in the fixed layer (viewport space); without `cx`/`cy` (older SDKs) they stay
 * in the page layer. Added to schema v1 by addition.
 */
const Viewport = {
  fixed: Type.Optional(Type.Literal(true)),
  cx: Type.Optional(Px),
  cy: Type.Optional(Px),
  vh: Type.Optional(Size),
};

/**
 * Cursor position in page px of the scroll root (the document, or the element that scrolls an app
 * shell); `w`, `h` are the scroll root's scroll size.
 */
export const MoveEvent = Type.Object({
  type: Type.Literal('move'),
  ts: Ts,
  x: Px,
  y: Px,
  w: Size,
  h: Size,
  ...Viewport,
});

/**
 * A click or tap in page px of the scroll root; `sel` is a stable selector of the target (see
 * `selector.ts` for its grammar) and `ex`, `ey` the point inside it (0..1).
 */
export const ClickEvent = Type.Object({
  type: Type.Literal('click'),
  ts: Ts,
  x: Px,
  y: Px,
  w: Size,
  h: Size,
  sel: Type.Optional(Str(MAX_SELECTOR)),
  ex: Type.Optional(Frac),
  ey: Type.Optional(Frac),
  ...Viewport,
  rage: Type.Optional(Type.Literal(true)),
  dead: Type.Optional(Type.Literal(true)),
});

/** Maximum share of the document seen so far, in percent. */
export const ScrollEvent = Type.Object({
  type: Type.Literal('scroll'),
  ts: Ts,
  depth: Type.Number({ minimum: 0, maximum: 100 }),
});

/** A form's first interaction or its submission, by id or name; never field values. */
export const FormEvent = Type.Object({
  type: Type.Literal('form'),
  ts: Ts,
  action: Type.Union([Type.Literal('start'), Type.Literal('submit')]),
  form: Type.Optional(Str(128)),
});

export const MEDIA_ACTIONS = ['play', 'p25', 'p50', 'p75', 'complete'] as const;
export const MediaEvent = Type.Object({
  type: Type.Literal('media'),
  ts: Ts,
  kind: Type.Union([Type.Literal('video'), Type.Literal('audio')]),
  action: Type.Union(MEDIA_ACTIONS.map((a) => Type.Literal(a))),
  src: Type.Optional(Str(MAX_SENT_URL)),
});

export const DownloadEvent = Type.Object({ type: Type.Literal('download'), ts: Ts, url: Str(MAX_SENT_URL) });

/** An image at least 50 % visible for at least 1 s. */
export const ImageViewEvent = Type.Object({ type: Type.Literal('image_view'), ts: Ts, src: Str(MAX_SENT_URL) });

export const OutboundEvent = Type.Object({ type: Type.Literal('outbound'), ts: Ts, url: Str(MAX_SENT_URL) });

/** Visible and focused time since the previous engagement event. */
export const EngagementEvent = Type.Object({
  type: Type.Literal('engagement'),
  ts: Ts,
  ms: Type.Number({ minimum: 0, maximum: 3_600_000 }),
});

export const CustomEvent = Type.Object({ type: Type.Literal('custom'), ts: Ts, name: Str(128) });

/**
 * Every event type by its tag. The schema grows only by addition: a type is never renamed or
 * reused; a retired one stays here, marked `@deprecated`.
 */
export const EVENT_SCHEMAS = {
  pageview: PageviewEvent,
  move: MoveEvent,
  click: ClickEvent,
  scroll: ScrollEvent,
  form: FormEvent,
  media: MediaEvent,
  download: DownloadEvent,
  image_view: ImageViewEvent,
  outbound: OutboundEvent,
  engagement: EngagementEvent,
  custom: CustomEvent,
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;

export type PageviewEvent = Static<typeof PageviewEvent>;
export type MoveEvent = Static<typeof MoveEvent>;
export type ClickEvent = Static<typeof ClickEvent>;
export type ScrollEvent = Static<typeof ScrollEvent>;
export type FormEvent = Static<typeof FormEvent>;
export type MediaAction = (typeof MEDIA_ACTIONS)[number];
export type MediaEvent = Static<typeof MediaEvent>;
export type DownloadEvent = Static<typeof DownloadEvent>;
export type ImageViewEvent = Static<typeof ImageViewEvent>;
export type OutboundEvent = Static<typeof OutboundEvent>;
export type EngagementEvent = Static<typeof EngagementEvent>;
export type CustomEvent = Static<typeof CustomEvent>;

/** One event of a batch, tagged by `type`. */
export type Event =
  | PageviewEvent
  | MoveEvent
  | ClickEvent
  | ScrollEvent
  | FormEvent
  | MediaEvent
  | DownloadEvent
  | ImageViewEvent
  | OutboundEvent
  | EngagementEvent
  | CustomEvent;
