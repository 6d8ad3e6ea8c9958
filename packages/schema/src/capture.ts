import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { MAX_SELECTOR, SEGMENTS } from './constants.js';
import { explainFirst } from './field-path.js';

/*
 * Page captures: a full-page picture the extension takes of the page the owner views, with its
 * geometry and the names of the elements the click maps know (`POST /api/captures`, DESIGN.md).
 * The collector keeps a few per (site, page, width segment) and the dashboard draws heat over them.
 */

/**
 * Bounds on captures, each the default of the collector option `captureLimits`:
 * - `imageBytes`: bytes of one image (4 MiB; a 1280 x 20,000 px WebP or JPEG fits, a PNG of a long
 *   photo-heavy page may not: the extension then sends JPEG). Past it: 413, and the upload is not read on.
 * - `perSegment`: captures kept per (site, page, width segment): the latest and 4 earlier.
 * - `perSite`: captures kept per site, all pages together; past it the site's oldest go.
 * - `siteBytes`: image bytes kept per site (64 MiB); past it the site's oldest captures go.
 * - `ttlDays`: a capture expires this many days after it was stored (90).
 * - `metaBytes`: bytes of the `meta` field (256 KiB: 500 elements of a 256-char selector and a
 *   60-char name are ~200 KB of JSON).
 */
export const CAPTURE_LIMITS = {
  imageBytes: 4 * 1024 * 1024,
  perSegment: 5,
  perSite: 200,
  siteBytes: 64 * 1024 * 1024,
  ttlDays: 90,
  metaBytes: 256 * 1024,
} as const;
/** The collector's capture bounds (see `CAPTURE_LIMITS` for each default). */
export type CaptureLimits = { -readonly [K in keyof typeof CAPTURE_LIMITS]: number };

/** Most elements one capture names (the snapshot's elements and the site's top clicked selectors fit). */
export const MAX_CAPTURE_ELEMENTS = 500;
/** Longest element name, in characters: its accessible name or visible text, trimmed (issue 23). */
export const MAX_CAPTURE_NAME = 60;
/** Tallest capture in CSS px: longer pages are cut there (and the picture says so). */
export const MAX_CAPTURE_HEIGHT = 20_000;
/** Widest capture in CSS px. */
export const MAX_CAPTURE_WIDTH = 10_000;
/** Most mask selectors a site may list (`masks` in the sites file), each at most `MAX_SELECTOR` chars. */
export const MAX_MASKS = 100;
/** Image types a capture may be, each recognised by its first bytes (`imageType`). */
export const CAPTURE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type CaptureImageType = (typeof CAPTURE_IMAGE_TYPES)[number];

// Page px of an element's box: may start left of or above the page (negative), never past the
// page's bounds by more than the largest page the schema knows.
const Coord = Type.Number({ minimum: -10_000_000, maximum: 10_000_000 });
const Extent = Type.Number({ minimum: 0, maximum: 10_000_000 });

/**
 * One element a capture names: its selector (the SDK's grammar, as clicks carry it), a human
 * name (never a form field's value; may be empty), its box `[x, y, w, h]` in page px of the scroll
 * root, or in viewport px when `fixed` (fixed and sticky elements, drawn where they sit at the top).
 */
export const CaptureElement = Type.Object(
  {
    sel: Type.String({ minLength: 1, maxLength: MAX_SELECTOR }),
    name: Type.String({ maxLength: MAX_CAPTURE_NAME }),
    box: Type.Tuple([Coord, Coord, Extent, Extent]),
    fixed: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false },
);
export type CaptureElement = Static<typeof CaptureElement>;

/**
 * What the extension sends with a capture's image (the `meta` field of `POST /api/captures`):
 * the width segment, the picture's size in CSS px (`width` the viewport width it was taken at,
 * `height` the page height captured, at most `MAX_CAPTURE_HEIGHT`), when it was taken (ms since
 * epoch, the owner's clock), the scroll root's full scroll size when it is not the image's
 * (`scrollRoot`: a page cut at the height cap, an app shell's inner scroller) and the named elements.
 */
export const CaptureMeta = Type.Object(
  {
    seg: Type.Union(SEGMENTS.map((s) => Type.Literal(s))),
    width: Type.Number({ minimum: 1, maximum: MAX_CAPTURE_WIDTH }),
    height: Type.Number({ minimum: 1, maximum: MAX_CAPTURE_HEIGHT }),
    takenAt: Type.Number({ minimum: 0, maximum: 8.64e15 }),
    scrollRoot: Type.Optional(
      Type.Object({ w: Extent, h: Extent }, { additionalProperties: false, description: 'scroll size, CSS px' }),
    ),
    elements: Type.Array(CaptureElement, { maxItems: MAX_CAPTURE_ELEMENTS }),
  },
  { additionalProperties: false },
);
export type CaptureMeta = Static<typeof CaptureMeta>;

/** One capture as `GET /api/captures` lists it: its meta (without `scrollRoot` when absent) and id. */
export type CaptureInfo = CaptureMeta & { id: string };
/** The answer of `GET /api/captures?site=S&path=P`: the page's captures, newest first. */
export type CaptureList = { captures: CaptureInfo[] };

let check: TypeCheck<TSchema> | undefined;
/**
 * Validate an already JSON-parsed capture meta. Errors name the field with the `meta.` prefix,
 * e.g. `meta.elements[3].name: Expected string length less or equal to 60`.
 */
export function parseCaptureMeta(input: unknown): { ok: true; value: CaptureMeta } | { ok: false; error: string } {
  check ??= TypeCompiler.Compile(CaptureMeta);
  if (!check.Check(input)) return { ok: false, error: explainFirst(check.Errors(input).First(), 'meta', 'meta') };
  return { ok: true, value: input as CaptureMeta };
}

/**
 * The image type of `bytes` from its signature, or undefined: PNG (`89 50 4E 47 0D 0A 1A 0A`,
 * PNG spec 5.2), JPEG (`FF D8 FF`), WebP (`RIFF` size `WEBP`, RFC 9649 2.5). A file's name or
 * declared type is never trusted.
 */
export function imageType(bytes: Uint8Array): CaptureImageType | undefined {
  const at = (sig: number[], from = 0) => sig.every((b, i) => bytes[from + i] === b);
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at([0x52, 0x49, 0x46, 0x46]) && at([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}
