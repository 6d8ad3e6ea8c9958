import { beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { fleetOn } from '../test-support/test-collector.js';
import { SITES, get } from '@heatlens/testkit/collector';
import { captureMeta, makePng, uploadCapture } from '@heatlens/testkit/captures';
import { SHARED_STORES } from '@heatlens/testkit/shared-stores';

const shop = SITES[0]!.readToken;

// The capture routes on the stores several collectors share: uploaded through one collector,
// listed and served byte for byte by another; a site's bytes bound evicts across pages, which
// a cluster keeps on different nodes.
for (const kind of SHARED_STORES) {
  describe.runIf(kind.available())(`page captures over HTTP on ${kind.name}`, () => {
    const fleet = fleetOn(kind, 2, { captureLimits: { imageBytes: 300_000, siteBytes: 700_000 } });
    let a: Collector;
    let b: Collector;
    beforeAll(() => {
      [a, b] = fleet as [Collector, Collector];
    });

    it('serves an image uploaded through another collector byte for byte, newest first', async () => {
      // noise: every byte value, so a UTF-8 round trip anywhere would change it
      const png = makePng(120, 90, (x, y) => [(x * 31 + y) % 256, (x * y) % 256, (y * 17) % 256, 255]);
      const meta = captureMeta({ takenAt: 1_765_000_000_000 });
      const first = await uploadCapture(a.url, { site: 'shop', path: '/product/1', token: shop });
      const up = await uploadCapture(a.url, { site: 'shop', path: '/product/2', token: shop, meta, image: png });
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };
      const list = await (await get(b.url, '/api/captures?site=shop&path=/product/3', shop)).json();
      expect(list.captures.map((c: { id: string }) => c.id)).toEqual([id, ((await first.json()) as { id: string }).id]);
      expect(list.captures[0]).toEqual({ ...meta, id });
      const img = await get(b.url, `/api/captures/${id}/image`, shop);
      expect(img.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);
    });

    it("evicts the site's oldest captures, on any page, past its bytes", async () => {
      const img = (salt: number) => Buffer.concat([makePng(2, 2), Buffer.alloc(250_000, salt)]);
      const ids: string[] = [];
      for (const path of ['/e/a', '/e/b', '/e/c', '/e/d']) {
        const res = await uploadCapture(a.url, { site: 'shop', path, token: shop, image: img(ids.length) });
        ids.push(((await res.json()) as { id: string }).id);
      }
      // 4 x 250 kB > 700 kB (with what the test before stored): the two oldest here are gone
      const status = await Promise.all(
        ids.map(async (id) => (await get(b.url, `/api/captures/${id}/image`, shop)).status),
      );
      expect(status).toEqual([404, 404, 200, 200]);
      expect((await (await get(b.url, '/api/captures?site=shop&path=/e/a', shop)).json()).captures).toEqual([]);
      expect((await (await get(b.url, '/api/captures?site=shop&path=/product/1', shop)).json()).captures).toEqual([]);
    });
  });
}
