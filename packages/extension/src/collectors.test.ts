import type { ReadableSite } from '@heatlens/schema/live';
import { describe, expect, it } from 'vitest';
import {
  addCollector,
  collectorForTab,
  loadCollectors,
  removeCollector,
  siteCollector,
  saveSiteCollector,
  type Area,
} from './collectors.js';

function memoryArea(items: Record<string, unknown> = {}): Area & { items: Record<string, unknown> } {
  return {
    items,
    async get(keys) {
      return Object.fromEntries(keys.filter((k) => k in items).map((k) => [k, items[k]]));
    },
    async set(more) {
      Object.assign(items, more);
    },
  };
}

const shopPair = { collectorUrl: 'https://c.example', token: 'shop-token-0123456789' };
const blogPair = { collectorUrl: 'https://c.example', token: 'blog-token-0123456789' };
const site = (id: string, origins: string[]): ReadableSite => ({ id, origins, routes: [] });

describe('a read token per site', () => {
  it('keeps the single pair an earlier version saved, and adds more beside it', async () => {
    const area = memoryArea({ collectorUrl: shopPair.collectorUrl, token: shopPair.token });
    expect(await loadCollectors(area)).toEqual([shopPair]);
    await addCollector(area, blogPair);
    expect(await loadCollectors(area)).toEqual([blogPair, shopPair]);
    await removeCollector(area, blogPair);
    expect(await loadCollectors(area)).toEqual([shopPair]);
    expect(area.items.token).toBe(shopPair.token);
  });

  it("picks the pair whose token sees the tab's origin, an exact origin over '*'", async () => {
    const sites = new Map([
      [shopPair.token, [site('shop', ['https://shop.example'])]],
      [blogPair.token, [site('any', ['*']), site('blog', ['https://blog.example'])]],
    ]);
    const fetch = async (c: { token: string }) => sites.get(c.token)!;
    const blog = await collectorForTab([shopPair, blogPair], 'https://blog.example/post/1', fetch);
    expect(blog).toMatchObject({ config: blogPair, site: { id: 'blog' } });
    const shop = await collectorForTab([blogPair, shopPair], 'https://shop.example/', fetch);
    expect(shop).toMatchObject({ config: shopPair, site: { id: 'shop' } });
    const other = await collectorForTab([shopPair, blogPair], 'https://elsewhere.example/', fetch);
    expect(other).toMatchObject({ config: blogPair, site: { id: 'any' } });
  });

  it('skips a pair whose collector fails; says why when none matched', async () => {
    const down = new Error('The collector cannot be reached.');
    const fetch = async (c: { token: string }) => {
      if (c.token === shopPair.token) throw down;
      return [site('blog', ['https://blog.example'])];
    };
    expect(await collectorForTab([shopPair, blogPair], 'https://blog.example/', fetch)).toMatchObject({
      site: { id: 'blog' },
    });
    expect(await collectorForTab([shopPair], 'https://blog.example/', fetch)).toEqual({ error: down });
  });

  it('remembers which pair a site was opened with, for the service worker', async () => {
    const area = memoryArea();
    expect(await siteCollector(area, 'blog')).toBeNull();
    await saveSiteCollector(area, 'blog', blogPair);
    expect(await siteCollector(area, 'blog')).toEqual(blogPair);
  });
});
