import { CAPTURE_LIMITS, type CaptureLimits, type CaptureMeta, type Segment } from '@heatlens/schema';
import { expect, it } from 'vitest';
import type { CaptureStore, Store } from '../types.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A PNG-signed image of `size` bytes holding every byte value (and so invalid UTF-8). */
const image = (size = 600, salt = 0) =>
  Buffer.from([...PNG, ...Array.from({ length: size - PNG.length }, (_, i) => (i * 7 + salt) % 256)]);
const meta = (seg: Segment = 'l', over: Partial<CaptureMeta> = {}): CaptureMeta => ({
  seg,
  width: 1280,
  height: 4000,
  takenAt: 1_700_000_000_000,
  elements: [{ sel: '#buy', name: 'Buy <b>now</b> & "save"', box: [10, 20, 100, 40] }],
  ...over,
});

/**
 * The captures part of the store contract (called inside `describeStore`): per (site, page,
 * segment) the latest few, newest first; the site's bounds evict its oldest; images round-trip
 * byte for byte; one site never sees another's.
 */
export function describeCaptures(t: { store: () => Store; fresh: () => string; now: number }) {
  const { fresh, now } = t;
  const caps = (): CaptureStore => t.store().captures;
  const limits: CaptureLimits = { ...CAPTURE_LIMITS };
  const put = (site: string, page: string, m: CaptureMeta, img: Buffer, at = now, l = limits) =>
    caps().put({ site, page, meta: m, type: 'image/png', image: img }, { now: at, limits: l });

  it('stores a capture and gives back its meta, newest first, and its image byte for byte', async () => {
    const site = fresh();
    const img = image(3000);
    const first = await put(site, '/product/:id', meta('l', { takenAt: 1 }), image(700, 1), now);
    const m = meta('l', { scrollRoot: { w: 1280, h: 30_000 } });
    m.elements.push({ sel: 'header.top', name: '', box: [0, 0, 1280, 64], fixed: true });
    const id = await put(site, '/product/:id', m, img, now + 1000);
    const small = await put(site, '/product/:id', meta('s', { width: 390 }), image(650, 2), now + 500);
    expect(new Set([first, id, small]).size).toBe(3);
    const list = await caps().list(site, '/product/:id', now + 2000);
    expect(list.map((c) => c.id)).toEqual([id, small, first]);
    expect(list[0]).toEqual({ ...m, id });
    expect(await caps().image(id, now + 2000)).toEqual({ type: 'image/png', bytes: img });
    expect((await caps().image(first, now + 2000))?.bytes.equals(image(700, 1))).toBe(true);
    expect(await caps().list(site, '/other', now)).toEqual([]);
  });

  it('keeps the latest captures of each page and segment, and forgets the earlier images', async () => {
    const site = fresh();
    const ids: string[] = [];
    for (let i = 0; i < limits.perSegment + 2; i++) ids.push(await put(site, '/', meta('m'), image(600, i), now + i));
    const other = await put(site, '/', meta('s'), image(600), now + 100);
    const list = await caps().list(site, '/', now + 200);
    expect(list.map((c) => c.id)).toEqual([other, ...ids.slice(2).reverse()]);
    expect(await caps().image(ids[0]!, now + 200)).toBeUndefined();
    expect(await caps().image(ids[1]!, now + 200)).toBeUndefined();
    expect(await caps().image(ids[2]!, now + 200)).toBeDefined();
  });

  it('evicts the oldest captures of a site, any page, past its bytes or its count', async () => {
    const site = fresh();
    const tight = { ...limits, siteBytes: 2500 };
    const a = await put(site, '/a', meta(), image(1000), now, tight);
    const b = await put(site, '/b', meta(), image(1000), now + 1, tight);
    expect((await caps().list(site, '/a', now + 2)).map((c) => c.id)).toEqual([a]);
    const c = await put(site, '/c', meta('s'), image(1000), now + 2, tight); // 3,000 bytes > 2,500: /a goes
    expect(await caps().list(site, '/a', now + 3)).toEqual([]);
    expect(await caps().image(a, now + 3)).toBeUndefined();
    expect((await caps().list(site, '/b', now + 3)).map((x) => x.id)).toEqual([b]);
    expect((await caps().image(c, now + 3))?.bytes.length).toBe(1000);

    const few = { ...limits, perSite: 2 };
    const d = await put(site, '/d', meta(), image(600), now + 4, few); // 3 captures > 2: /b goes
    expect(await caps().image(b, now + 5)).toBeUndefined();
    expect((await caps().list(site, '/c', now + 5)).map((x) => x.id)).toEqual([c]);
    expect((await caps().list(site, '/d', now + 5)).map((x) => x.id)).toEqual([d]);
  });

  it('keeps sites apart and finds nothing for unknown or malformed ids', async () => {
    const a = fresh();
    const b = fresh();
    const id = await put(a, '/', meta(), image());
    expect(await caps().list(b, '/', now)).toEqual([]);
    const forged = id.replace(`${a}.`, `${b}.`);
    expect(await caps().image(forged, now)).toBeUndefined();
    for (const bad of ['', 'x', `${id}x`, id.slice(0, -1), `${id}.1`, '../../etc/passwd'])
      expect(await caps().image(bad, now)).toBeUndefined();
  });
}
