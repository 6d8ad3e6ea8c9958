import { crc32, deflateSync } from 'node:zlib';

/** A capture meta for tests (`POST /api/captures`'s `meta` field), `over` spread on top. */
export function captureMeta(over: Record<string, unknown> = {}) {
  return {
    seg: 'l',
    width: 1280,
    height: 2000,
    takenAt: Date.now(),
    elements: [{ sel: 'button#buy', name: 'Buy now', box: [100, 300, 200, 48] }],
    ...over,
  };
}

/**
 * A real PNG (8-bit RGBA, no interlace) of `width` x `height` filled by `pixel(x, y)` (default: a
 * light grey page), made with node:zlib: browsers and image decoders read it.
 */
export function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number] = () => [240, 240, 240, 255],
): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1); // filter byte 0 (none), then the row's pixels
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * `POST /api/captures?site&path` as the extension sends it: multipart with a `meta` field (JSON,
 * or a string sent as it is) and an `image` file. `parts` replaces the body's parts entirely
 * (for malformed uploads).
 */
export function uploadCapture(
  url: string,
  o: {
    site: string;
    path: string;
    token?: string;
    meta?: unknown;
    image?: Buffer;
    filename?: string;
    type?: string;
    parts?: Array<[name: string, value: string | Blob, filename?: string]>;
  },
): Promise<Response> {
  const form = new FormData();
  const parts = o.parts ?? [
    ['meta', typeof o.meta === 'string' ? o.meta : JSON.stringify(o.meta ?? captureMeta())],
    [
      'image',
      new Blob([new Uint8Array(o.image ?? makePng(4, 4))], { type: o.type ?? 'image/png' }),
      o.filename ?? 'capture.png',
    ],
  ];
  for (const [name, value, filename] of parts)
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, filename);
  const query = new URLSearchParams({ site: o.site, path: o.path });
  return fetch(`${url}/api/captures?${query}`, {
    method: 'POST',
    headers: o.token ? { authorization: `Bearer ${o.token}` } : {},
    body: form,
  });
}
