import type { CaptureElement } from '@heatlens/schema/capture';

/** A rectangle in CSS px: `x`, `y` from the top left, `w`, `h` its size. */
export type CaptureRect = { x: number; y: number; w: number; h: number };

/**
 * What a capture paints over, and why: `field` a form control's contents (input except buttons,
 * textarea, select, contenteditable), `mask` an element the site masks (`masks` selectors of the
 * sites file, `[data-heatlens-mask]`), `frame` an embedded frame whose contents the extension cannot
 * read (another origin). Each is a box in the picture's px.
 */
export type PaintOver = CaptureRect & { kind: 'field' | 'mask' | 'frame' };

/** The page's geometry when a capture begins (after fixed and sticky boxes are pinned, scrolled to the top). */
export type CapturePlan = {
  /** `document`: the page scrolls; `element`: an app shell's inner scroller (the picture is its content) */
  root: 'document' | 'element';
  /** the picture's width: the scroll root's client width, CSS px (no scrollbar) */
  width: number;
  /** the scroll root's content height, CSS px (uncut) */
  height: number;
  /** the viewport's width (`innerWidth`, the SDK's `vw`, which picks the width segment), CSS px */
  viewWidth: number;
  /** the viewport's height, CSS px */
  viewHeight: number;
  /** device px per CSS px (`devicePixelRatio`: the screen's scale times the zoom) */
  dpr: number;
  /** where the scroll root's visible content sits in the viewport, CSS px */
  crop: CaptureRect;
};

/** One frame's state after scrolling, as the capture script reports it. */
export type CaptureFrame = {
  /** the scroll root's scroll offset now (the browser clamps what was asked), CSS px */
  top: number;
  /** the scroll root's visible content in the viewport now, CSS px */
  crop: CaptureRect;
  /** what to paint over, visible in this frame, in the picture's px */
  paint: PaintOver[];
};

/**
 * An element of the click maps as the capture saw it: the schema's `CaptureElement` (name at most
 * 60 chars, '' for masked elements, never a field's value; `box` `[x, y, w, h]` in the picture's px,
 * or viewport px as at the top of the page when `fixed`).
 */
export type CapturedElement = CaptureElement;

/** Requests from the background to the capture script in the tab, with their replies. */
export type CaptureRequests = {
  /** pin the page for capturing (overlay hidden, sticky boxes in flow, scrolled to the top) */
  'capture:begin': { request: { type: 'capture:begin'; masks: string[] }; reply: CapturePlan };
  /** scroll the root to `top`; from the second frame on, fixed boxes are hidden */
  'capture:frame': { request: { type: 'capture:frame'; top: number; hideFixed: boolean }; reply: CaptureFrame };
  /** measure the elements named by `selectors`, then put the page back as it was */
  'capture:end': { request: { type: 'capture:end'; selectors: string[] }; reply: CapturedElement[] };
  /** put the page back as it was (a capture that failed half way) */
  'capture:abort': { request: { type: 'capture:abort' }; reply: true };
};

/** Any request to the capture script. */
export type CaptureRequest = CaptureRequests[keyof CaptureRequests]['request'];
