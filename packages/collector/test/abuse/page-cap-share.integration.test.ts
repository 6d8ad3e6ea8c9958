import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../../src/server.js';
import { STORE_KINDS, startOnStore } from '../../src/test-support/test-collector.js';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';
import type { SharedStore } from '@heatlens/testkit/shared-stores';

const shop = SITES[0]!;
const send = async (c: Collector, path: string, sid: string) =>
  expect((await post(c.url, batch({ path, sid }))).status).toBe(204);

/**
 * 1,000 junk paths right after a page-cap bucket starts took every new-page place, and real new
 * pages counted under (other) for 5 minutes. Now a share of the places (RESERVED_PAGE_SHARE: 2 of
 * 10 here) is kept for paths a second session comes back to.
 */
for (const kind of STORE_KINDS) {
  describe.runIf(kind.available())(`new pages after junk on ${kind.name}`, () => {
    let store: SharedStore | undefined;
    let c: Collector;
    beforeAll(async () => {
      store = await kind.start?.();
      c = await startOnStore(store, {
        rateLimits: false,
        maxPagesPerSite: 10,
      });
    });
    afterAll(async () => {
      await c?.close();
      await store?.stop();
    });

    it('keep a place for a page a second session comes back to, not for junk sent again', async () => {
      for (let i = 0; i < 30; i++) await send(c, `/junk-${i}`, `j${i}`);
      // The junk fills the first-come places; a real page's first visitor counts under (other)...
      await send(c, '/launch', 'visitor-a');
      // ...and the second session's visit takes a reserved place, as do the later ones.
      await send(c, '/launch', 'visitor-b');
      await send(c, '/launch', 'visitor-c');
      // A junk path sent again by its own session gets no reserved place.
      await send(c, '/junk-20', 'j20');
      const pages = await (await get(c.url, '/api/pages?site=shop', shop.readToken)).json();
      const byPath = new Map(pages.pages.map((p: { path: string; events: number }) => [p.path, p.events]));
      expect(byPath.get('/launch')).toBe(2);
      expect(byPath.has('/junk-20')).toBe(false);
      expect(byPath.get('(other)')).toBe(22 + 1 + 1);
      expect([...byPath.keys()].filter((p) => String(p).startsWith('/junk-')).length).toBe(8);
    });
  });
}
