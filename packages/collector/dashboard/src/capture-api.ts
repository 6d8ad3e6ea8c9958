import type { CaptureElement as SchemaElement, CaptureInfo } from '@heatlens/schema/capture';

/**
 * A page capture as `GET /api/captures` lists it (the schema's `CaptureInfo`): a full-page picture
 * taken by the extension at `width` x `height` CSS px of width segment `seg`, and the boxes of the
 * elements the click maps name, in page px (viewport px for `fixed` ones, at the top of the picture).
 */
export type Capture = CaptureInfo;

/** One named element of a capture: selector, a human name (text, never markup), box `[x, y, w, h]`. */
export type CaptureElement = SchemaElement;

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The captures of a page, newest first (`GET /api/captures?site=S&path=P` with the read token).
 * A collector without the route (404) or a refused token answers none; a malformed answer too.
 */
export async function fetchCaptures(site: string, path: string, token: string): Promise<Capture[]> {
  const q = new URLSearchParams({ site, path });
  const res = await fetch(`/api/captures?${q}`, { headers: auth(token) });
  if (!res.ok) return [];
  const body = (await res.json()) as { captures?: unknown };
  return Array.isArray(body.captures) ? body.captures.filter(isCapture) : [];
}

function isCapture(c: unknown): c is Capture {
  const x = c as Capture;
  return (
    typeof x?.id === 'string' &&
    x.width > 0 &&
    x.height > 0 &&
    Array.isArray(x.elements) &&
    x.elements.every((e) => typeof e?.sel === 'string' && Array.isArray(e.box) && e.box.length === 4)
  );
}

/**
 * The picture of a capture as an object URL (`GET /api/captures/ID/image`): fetched with the read
 * token as a bearer header, which an `<img src>` cannot send. The caller revokes it. Throws on a
 * refused or failed fetch.
 */
export async function fetchCaptureImage(id: string, token: string): Promise<string> {
  const res = await fetch(`/api/captures/${encodeURIComponent(id)}/image`, { headers: auth(token) });
  if (!res.ok) throw new Error(`capture image: ${res.status}`);
  return URL.createObjectURL(await res.blob());
}

/**
 * The capture to draw over: the newest of segment `seg`; for `all`, of the segment with most
 * samples (`views` per segment, e.g. from the page's screens), then any. Returns the segment used.
 */
export function pickCapture(
  captures: readonly Capture[],
  seg: string,
  views: Partial<Record<string, number>> = {},
): Capture | undefined {
  if (seg !== 'all') return captures.find((c) => c.seg === seg);
  const order = ['l', 'm', 's'].sort((a, b) => (views[b] ?? 0) - (views[a] ?? 0));
  for (const s of order) {
    const c = captures.find((x) => x.seg === s);
    if (c) return c;
  }
  return undefined;
}

/** Views per width segment from a page's `screens` source (`l 1920x1080` -> `l`). */
export function viewsBySegment(screens: ReadonlyArray<readonly [string, number]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, n] of screens) {
    const seg = name.split(' ')[0] ?? '';
    out[seg] = (out[seg] ?? 0) + n;
  }
  return out;
}
