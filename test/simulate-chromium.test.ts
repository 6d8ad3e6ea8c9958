import { startCollector, type Collector } from '@heatlens/collector';
import type { Heatmap, Stats } from '@heatlens/schema/live';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { planVisitor } from '../examples/shop/simulate/plan-visitor.mjs';
import { createRandom } from '../examples/shop/simulate/random.mjs';
import { sendVisitor } from '../examples/shop/simulate/send-visitor.mjs';
import { shopClicks } from '../examples/shop/simulate/shop-clicks.mjs';
import { hasChromium, launchChromium } from '@heatlens/testkit/chromium';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// The simulator must send what the SDK sends in a real browser: one visitor plan is played by
// `pnpm simulate`'s sender into one collector, and by real Chromium clicking the same elements on
// the real shop (the SDK on each page doing the measuring) into another; the two collectors' click
// maps (selectors, counts, points inside elements, tiles, the fixed layer) and stats must agree.
// Before, the simulator named elements from happy-dom, where the SDK's scroll-root lookup threw
// and the error was swallowed: "Add to cart" arrived as `#add-to-cart` beside Chromium's
// `button#add-to-cart`, its heat on the text below the button.

const SDK_FILE = SDK_BUNDLE;
const SEED = 24;
const VISITORS = 8;

type Spot = { sel: string; event: { sel: string } | null };
type Plan = ReturnType<typeof planVisitor>;

describe.runIf(hasChromium)('simulator and Chromium send the same clicks', () => {
  let browser: Browser;
  let sim: Collector;
  let real: Collector;
  let shop: { url: string; close(): Promise<void> };
  const { layoutFor } = shopClicks();
  const rnd = createRandom(SEED);
  const plans: Plan[] = Array.from({ length: VISITORS }, () => planVisitor(rnd, { layoutFor }));

  beforeAll(async () => {
    [sim, real, browser] = await Promise.all([
      startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', sdkFile: SDK_FILE }),
      startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', sdkFile: SDK_FILE }),
      launchChromium(),
    ]);
    shop = await startShop({ port: 0, collectorUrl: real.url });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await Promise.all([sim?.close(), real?.close()]);
  });

  const read = async <T>(c: Collector, route: string): Promise<T> => {
    const res = await fetch(`${c.url}${route}`, { headers: { Authorization: `Bearer ${c.sites[0]!.readToken}` } });
    expect(res.status, route).toBe(200);
    return (await res.json()) as T;
  };

  /** Each planned click as Chromium does it: the element the planned event names, clicked by Playwright. */
  async function browse(plan: Plan) {
    const context = await browser.newContext({ viewport: { width: plan.vw, height: plan.vh } });
    // Links and forms stay put so every planned click of a visit lands on its page.
    await context.addInitScript(() => addEventListener('click', (e) => e.preventDefault(), true));
    const page = await context.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    try {
      for (const visit of plan.visits) {
        await page.goto(shop.url + visit.path, { waitUntil: 'load' });
        const spots = Object.values(layoutFor(visit.path, plan.vw).spots) as Spot[];
        for (const e of visit.events.filter((x) => x.type === 'click')) {
          const spot = spots.find((s) => s.event?.sel === e.sel);
          expect(spot, `${visit.path}: a spot sends ${String(e.sel)}`).toBeDefined();
          await page.click(spot!.sel, { timeout: 5000 });
        }
        await page.goto('about:blank'); // pagehide: the SDK flushes
      }
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
  }

  type Compared = { clicks: number; selectors: unknown; elements: unknown; tiles: unknown; fixed: unknown };
  async function clickMaps(c: Collector): Promise<Record<string, Compared>> {
    const { pages } = await read<{ pages: Stats[] }>(c, '/api/pages?site=demo&window=1h');
    const out: Record<string, Compared> = {};
    for (const p of pages) {
      const q = `site=demo&path=${encodeURIComponent(p.path)}&window=1h`;
      const map = await read<Heatmap>(c, `/api/heatmap?${q}&kind=click&seg=all`);
      const byName = <T extends { sel?: unknown }>(xs: T[]) =>
        [...xs].sort((a, b) => String(a.sel).localeCompare(String(b.sel)));
      out[p.path] = {
        clicks: p.clicks,
        selectors: byName(p.selectors.map((s) => ({ sel: s.sel, count: s.count }))),
        elements: byName(map.elements ?? []),
        tiles: [...map.tiles].sort(),
        fixed: [...map.fixed].sort(),
      };
    }
    return out;
  }

  it(`${VISITORS} planned visitors (seed ${SEED}): the same click maps and stats on both collectors`, async () => {
    const planned = plans.flatMap((p) => p.visits.flatMap((v) => v.events.filter((e) => e.type === 'click')));
    expect(planned.length).toBeGreaterThan(4);
    for (const plan of plans)
      await sendVisitor(plan, { collectorUrl: sim.url, origin: shop.url, site: 'demo', speed: Infinity });
    for (const plan of plans) await browse(plan);
    const want = await clickMaps(sim);
    await expect.poll(() => clickMaps(real), { timeout: 20_000 }).toEqual(want);
  }, 240_000);

  it('"Add to cart" is one selector, its heat inside the button: the simulator sends what Chromium sent', async () => {
    const plan: Plan = {
      sid: 'cart-visitor-1',
      vw: 1440,
      vh: 820,
      sw: 1440,
      sh: 900,
      lang: 'en-US',
      tz: 'UTC',
      visits: [
        {
          path: '/product/2',
          dwellMs: 1000,
          events: [
            { at: 0, type: 'pageview', vh: 820 },
            { at: 10, ...(layoutFor('/product/2', 1440).spots.cart as unknown as { event: object }).event },
          ],
        },
      ],
    };
    await sendVisitor(plan, { collectorUrl: sim.url, origin: shop.url, site: 'demo', speed: Infinity });
    await browse(plan);
    const maps = await clickMaps(sim);
    await expect.poll(() => clickMaps(real), { timeout: 20_000 }).toEqual(maps);
    const cart = (maps['/product/:id']!.selectors as { sel: string }[]).filter((s) => /add-to-cart/.test(s.sel));
    expect(cart.map((s) => s.sel)).toEqual(['button#add-to-cart']);
    // Where Chromium's SDK put the click: inside the button's box at 1440 px.
    const page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
    await page.goto(`${shop.url}/product/2`);
    const box = (await page.locator('#add-to-cart').boundingBox())!;
    await page.close();
    const ev = (layoutFor('/product/2', 1440).spots.cart as unknown as { event: { x: number; y: number } }).event;
    expect(ev.x).toBeGreaterThanOrEqual(box.x);
    expect(ev.x).toBeLessThanOrEqual(box.x + box.width);
    expect(ev.y).toBeGreaterThanOrEqual(box.y);
    expect(ev.y).toBeLessThanOrEqual(box.y + box.height);
  }, 120_000);
});
