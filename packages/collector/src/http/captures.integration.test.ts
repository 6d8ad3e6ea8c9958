import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { parse } from 'csv-parse/sync';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';
import { captureMeta, makePng, uploadCapture } from '@heatlens/testkit/captures';

const shop = SITES[0]!.readToken;
const blog = SITES[1]!.readToken;
const BOUNDARY = 'heatlens-test-boundary';

/** A multipart body by hand (for what FormData cannot spell: truncated, duplicated, odd parts). */
const part = (name: string, value: string | Buffer, filename?: string, type = 'image/png') =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"` +
        (filename ? `; filename="${filename}"` : '') +
        '\r\n' +
        (filename ? `Content-Type: ${type}\r\n` : '') +
        '\r\n',
    ),
    Buffer.from(value),
    Buffer.from('\r\n'),
  ]);
const close = Buffer.from(`--${BOUNDARY}--\r\n`);

/**
 * POST raw body chunks to /api/captures (chunked: no Content-Length, so only the streaming limits
 * can stop it); `hangUp` ends the socket after the chunks instead of ending the body.
 */
function rawUpload(
  url: string,
  chunks: Buffer[],
  o: { token?: string; query?: string; hangUp?: boolean; type?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/captures?${o.query ?? 'site=shop&path=/'}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${o.token ?? shop}`,
        'content-type': o.type ?? `multipart/form-data; boundary=${BOUNDARY}`,
        'transfer-encoding': 'chunked',
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', (e) => (o.hangUp ? resolve({ status: 0, body: '' }) : reject(e)));
    for (const c of chunks) req.write(c);
    if (o.hangUp) setTimeout(() => req.destroy(), 200);
    else req.end();
  });
}

describe('page captures over HTTP (memory store)', () => {
  let c: Collector;
  beforeAll(async () => {
    c = await startTestCollector({
      sites: [{ ...SITES[0]!, masks: ['.account-number', '[data-private]'] }, SITES[1]!],
      captureLimits: { imageBytes: 64 * 1024, siteBytes: 200 * 1024, metaBytes: 16 * 1024 },
    });
  });
  afterAll(() => c.close());

  it('stores an upload, lists it under the page of its route template and serves its image byte for byte', async () => {
    const png = makePng(64, 48, (x, y) => [x * 4, y * 5, 128, 255]);
    const meta = captureMeta({ takenAt: 1_765_000_000_000 });
    const up = await uploadCapture(c.url, { site: 'shop', path: '/product/7', token: shop, meta, image: png });
    expect([up.status, up.status === 201 || (await up.text())]).toEqual([201, true]);
    const { id } = (await up.json()) as { id: string };
    const later = await uploadCapture(c.url, {
      site: 'shop',
      path: '/product/9?ref=x',
      token: shop,
      meta: captureMeta({ seg: 's', width: 390 }),
    });
    const second = ((await later.json()) as { id: string }).id;

    const list = await (await get(c.url, '/api/captures?site=shop&path=/product/1', shop)).json();
    expect(list.captures.map((x: { id: string }) => x.id)).toEqual([second, id]);
    expect(list.captures[1]).toEqual({ ...meta, id });

    const img = await get(c.url, `/api/captures/${id}/image`, shop);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(img.headers.get('x-content-type-options')).toBe('nosniff');
    expect(img.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);
  });

  it('serves JPEG and WebP with their own types, whatever the upload claimed', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]);
    const webp = Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(300, 9)]);
    for (const [bytes, type] of [
      [jpeg, 'image/jpeg'],
      [webp, 'image/webp'],
    ] as const) {
      const up = await uploadCapture(c.url, { site: 'shop', path: '/t', token: shop, image: bytes, type: 'image/png' });
      const { id } = (await up.json()) as { id: string };
      const img = await get(c.url, `/api/captures/${id}/image`, shop);
      expect(img.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await img.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('refuses what is not an image with 415, whatever its name or declared type', async () => {
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    const res = await uploadCapture(c.url, { site: 'shop', path: '/x', token: shop, image: html, filename: 'a.png' });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'image: not a PNG, JPEG or WebP image' });
    const gif = await uploadCapture(c.url, { site: 'shop', path: '/x', token: shop, image: Buffer.from('GIF89a....') });
    expect(gif.status).toBe(415);
    const json = await fetch(`${c.url}/api/captures?site=shop&path=/x`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shop}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect((await get(c.url, '/api/captures?site=shop&path=/x', shop).then((r) => r.json())).captures).toEqual([]);
  });

  it('refuses an image past the limit with 413, declared or streamed, without reading on', async () => {
    const big = Buffer.concat([makePng(2, 2), Buffer.alloc(100 * 1024)]);
    const declared = await uploadCapture(c.url, { site: 'shop', path: '/big', token: shop, image: big });
    expect(declared.status).toBe(413);
    const streamed = await rawUpload(c.url, [
      part('meta', JSON.stringify(captureMeta())),
      part('image', big, 'big.png'),
      part('image', Buffer.alloc(4 * 1024 * 1024), 'more.png'),
      close,
    ]);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual({ error: 'image: larger than 65536 bytes' });
    const meta = await rawUpload(c.url, [part('meta', 'x'.repeat(20 * 1024)), close]);
    expect(meta.status).toBe(413);
    expect(JSON.parse(meta.body)).toEqual({ error: 'meta: larger than 16384 bytes' });
    expect((await get(c.url, '/api/captures?site=shop&path=/big', shop).then((r) => r.json())).captures).toEqual([]);
  });

  it('needs the site read token: 401 without a valid one, 403 for another site or its images', async () => {
    const none = await uploadCapture(c.url, { site: 'shop', path: '/' });
    expect(none.status).toBe(401);
    const wrong = await uploadCapture(c.url, { site: 'shop', path: '/', token: 'not-a-token-0123456789' });
    expect(wrong.status).toBe(401);
    const other = await uploadCapture(c.url, { site: 'shop', path: '/', token: blog });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ error: 'site: this token may not read "shop"' });
    expect((await get(c.url, '/api/captures?site=shop&path=/', blog)).status).toBe(403);
    expect((await get(c.url, '/api/captures?site=shop&path=/')).status).toBe(401);

    const { id } = (await (await uploadCapture(c.url, { site: 'shop', path: '/', token: shop })).json()) as {
      id: string;
    };
    expect((await get(c.url, `/api/captures/${id}/image`)).status).toBe(401);
    expect((await get(c.url, `/api/captures/${id}/image`, blog)).status).toBe(403);
    expect((await get(c.url, `/api/captures/${id.replace(/.{4}$/, 'AAAA')}/image`, shop)).status).toBe(404);
    expect((await get(c.url, '/api/captures/..%2F..%2Fetc/image', shop)).status).toBe(404);
  });

  it('evicts the oldest captures of a site past its bytes (any page)', async () => {
    const img = (salt: number) => Buffer.concat([makePng(2, 2), Buffer.alloc(60 * 1024, salt)]);
    const ids: string[] = [];
    for (const [i, path] of ['/e1', '/e2', '/e3', '/e4'].entries()) {
      const res = await uploadCapture(c.url, { site: 'blog', path, token: blog, image: img(i) });
      ids.push(((await res.json()) as { id: string }).id);
    }
    // 4 x ~60 KiB > 200 KiB: the first is gone, the later ones stay
    expect((await get(c.url, `/api/captures/${ids[0]}/image`, blog)).status).toBe(404);
    expect((await get(c.url, '/api/captures?site=blog&path=/e1', blog).then((r) => r.json())).captures).toEqual([]);
    for (const id of ids.slice(1)) expect((await get(c.url, `/api/captures/${id}/image`, blog)).status).toBe(200);
  });

  it('stores names with HTML as given (the dashboard escapes them), refuses a bad meta naming the field', async () => {
    const meta = captureMeta({
      elements: [{ sel: 'a.x', name: '<img src=x onerror=alert(1)>', box: [0, 0, 10, 10] }],
    });
    const up = await uploadCapture(c.url, { site: 'shop', path: '/html', token: shop, meta });
    expect(up.status).toBe(201);
    const list = await (await get(c.url, '/api/captures?site=shop&path=/html', shop)).json();
    expect(list.captures[0].elements[0].name).toBe('<img src=x onerror=alert(1)>');

    const bad = await uploadCapture(c.url, {
      site: 'shop',
      path: '/html',
      token: shop,
      meta: captureMeta({ elements: [{ sel: 'a', name: 'n', box: [0, 0, 1] }] }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^meta\.elements\[0\]\.box/);
    const notJson = await uploadCapture(c.url, { site: 'shop', path: '/html', token: shop, meta: '{seg:' });
    expect(await notJson.json()).toEqual({ error: 'meta: not valid JSON' });
  });

  it('answers a heatmap as CSV equal to its JSON, elements named by the latest capture', async () => {
    const now = Date.now();
    const click = (x: number, y: number, sel: string) => ({ type: 'click', ts: now, x, y, w: 1280, h: 3000, sel });
    const fixed = { type: 'click', ts: now, x: 5, y: 900, w: 1280, h: 3000, fixed: true, cx: 5, cy: 700, vh: 720 };
    const events = [click(100, 300, 'button#buy'), click(110, 305, 'button#buy'), click(600, 40, 'a.home'), fixed];
    expect((await post(c.url, batch({ path: '/product/3' }, events))).status).toBe(204);
    const named = [
      { sel: 'button#buy', name: '=SUM(A1:A9), "buy"', box: [90, 290, 40, 20] },
      { sel: 'a.home', name: '', box: [590, 30, 40, 20] },
    ];
    await uploadCapture(c.url, {
      site: 'shop',
      path: '/product/1',
      token: shop,
      meta: captureMeta({ elements: named }),
    });
    const q = '/api/heatmap?site=shop&path=/product/3&kind=click&window=5m&seg=l';
    const json = await (await get(c.url, q, shop)).json();
    expect(json.elements.length).toBe(2);
    const res = await get(c.url, `${q}&format=csv`, shop);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="heatlens-shop-product_id-click-l-5m.csv"',
    );
    const [tiles, elements] = (await res.text()).split('\r\n\r\n').map((t) => parse(t) as string[][]);
    const num = (row: string[]) => row.map((v, i) => (i === 0 ? v : Number(v)));
    expect(tiles!.slice(1).map(num)).toEqual([
      ...json.tiles.map((t: number[]) => ['page', ...t]),
      ...json.fixed.map((t: number[]) => ['fixed', ...t]),
    ]);
    expect(json.fixed.length).toBe(1);
    expect(elements!.slice(1)).toEqual(
      json.elements.map((e: { sel: string; count: number }) => [
        e.sel,
        e.sel === 'button#buy' ? `'=SUM(A1:A9), "buy"` : '',
        String(e.count),
      ]),
    );
    expect((await get(c.url, `${q}&format=xml`, shop)).status).toBe(400);
  });

  it('lists the site masks in /api/sites', async () => {
    const sites = await (await get(c.url, '/api/sites', shop)).json();
    expect(sites.sites).toEqual([
      {
        id: 'shop',
        origins: ['https://shop.example'],
        routes: ['/product/:id'],
        masks: ['.account-number', '[data-private]'],
        retentionDays: 30,
      },
    ]);
    expect((await (await get(c.url, '/api/sites', blog)).json()).sites[0].masks).toEqual([]);
  });

  it('survives malformed uploads with a 400 each, then takes a good one', async () => {
    const meta = part('meta', JSON.stringify(captureMeta()));
    const png = part('image', makePng(3, 3), 'a.png');
    const cases: Array<[Buffer[], string, { hangUp?: boolean }?]> = [
      [[meta, close], 'image: required'],
      [[png, close], 'meta: required'],
      [[meta, png, png, close], 'image: one image only'],
      [[meta, meta, png, close], 'meta: one meta field only'],
      [[part('x', 'y'), png, close], 'x: unknown field (meta and image only)'],
      [[meta, part('image', 'not a file'), close], 'image: must be a file part (with a filename)'],
      [[meta, part('file', makePng(2, 2), 'f.png'), close], 'file: unknown file (image only)'],
      [[meta, png.subarray(0, 40)], 'body: malformed multipart (Unexpected end of form)'],
      [[Buffer.from('garbage without any boundary')], 'body: malformed multipart (Unexpected end of form)'],
    ];
    for (const [chunks, error] of cases) {
      const res = await rawUpload(c.url, chunks);
      expect({ status: res.status, error: JSON.parse(res.body).error }).toEqual({ status: 400, error });
    }
    // a sender that hangs up mid-image
    await rawUpload(c.url, [meta, png.subarray(0, 60)], { hangUp: true });
    const noBoundary = await rawUpload(c.url, [meta], { type: 'multipart/form-data; charset=utf-8' });
    expect(noBoundary.status).toBe(415);
    expect((await get(c.url, '/healthz')).status).toBe(200);
    const ok = await uploadCapture(c.url, { site: 'shop', path: '/after', token: shop });
    expect(ok.status).toBe(201);
  });
});
