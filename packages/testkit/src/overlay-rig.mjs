// The extension's benchmark rig, in plain JS so `node bench/<file>.mjs` runs it after
// `pnpm build`: a real collector (on Redis when redis-server is there), the demo shop, and
// Chromium with the built extension, configured through its options page and toggled through its
// popup, as in the end-to-end suite (test/extension-overlay.test.ts; the same permission note
// applies: see test-extension.mjs beside this file).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, launchWithExtension } from './chromium.mjs';
import { launchRedis } from './redis-launcher.mjs';
import { configure, extensionWorker, prepareTestExtension, switchOverlayOn } from './test-extension.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function which(bin) {
  try {
    return execFileSync('which', [bin], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** A viewport in which the product page (657 px) fits with room to scroll. */
export const VIEWPORT = { width: 1280, height: 500 };

/**
 * Start everything and open the owner's tab at `ownerPath` with the overlay on.
 * @param {{ownerPath?: string, kind?: 'move' | 'click' | 'scroll', redis?: boolean, width?: number}} [options]
 *   `ownerPath` default '/product/1'; `kind` default 'move'; `redis` default true when redis-server is on PATH;
 *   `width` of the owner's viewport, default `VIEWPORT`'s (its height then 800).
 */
export async function startOverlayRig({
  ownerPath = '/product/1',
  kind = 'move',
  redis = Boolean(which('redis-server')),
  width,
} = {}) {
  const { startCollector } = await import(join(ROOT, 'packages/collector/dist/index.js'));
  const { startShop } = await import(join(ROOT, 'examples/shop/server.mjs'));
  const cleanup = [];
  const close = async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  };
  try {
    const store = redis ? await launchRedis() : undefined;
    if (store) cleanup.push(() => store.stop());
    const collector = await startCollector({ port: 0, host: '127.0.0.1', redisUrl: store?.url, logLevel: 'silent' });
    cleanup.push(() => collector.close());
    const token = collector.sites[0].readToken;
    const shop = await startShop({ port: 0, collectorUrl: collector.url });
    cleanup.push(() => shop.close());

    const ext = prepareTestExtension();
    cleanup.push(async () => ext.dispose());
    const context = await launchWithExtension(ext.dir, {
      viewport: width ? { width, height: 800 } : VIEWPORT,
    });
    cleanup.push(() => context.dispose());
    const { worker, id } = await extensionWorker(context);
    await configure(context, id, collector.url, token);

    const owner = await context.newPage();
    await owner.goto(shop.url + ownerPath);
    await switchOverlayOn(context, worker, id, owner, { kind });
    await owner.waitForFunction(
      () => document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-path')?.textContent,
    );

    return {
      collector,
      shop,
      token,
      context,
      owner,
      close,
      /**
       * A visitor at `path`, in a browser of its own (as visitors are: the owner's tab stays the
       * visible one in its window), once its SDK has sent its first batch: from then on it
       * flushes at the live pace.
       */
      async openVisitor(path) {
        const browser = await launchChromium();
        cleanup.push(() => browser.close());
        const page = await browser.newPage({ viewport: VIEWPORT });
        const first = page.waitForResponse((r) => r.url().endsWith('/collect'), { timeout: 15_000 });
        await page.goto(shop.url + path);
        await first;
        return page;
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Alpha of the owner's overlay canvas at a viewport point. */
export function alphaAt(page, x, y) {
  return page.evaluate(
    ([px, py]) => {
      const canvas = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
      if (!canvas || !canvas.width) return 0;
      const dpr = canvas.width / innerWidth;
      return canvas.getContext('2d').getImageData(Math.floor(px * dpr), Math.floor(py * dpr), 1, 1).data[3];
    },
    [x, y],
  );
}

/** Resolves once the owner's overlay shows colour at a viewport point (polled in the page every 2 ms). */
export function colourAt(page, x, y, timeoutMs = 10_000) {
  return page.evaluate(
    ([px, py, limit]) =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const check = () => {
          const canvas = document.getElementById('heatlens-overlay')?.shadowRoot?.getElementById('heatlens-canvas');
          if (canvas?.width) {
            const dpr = canvas.width / innerWidth;
            if (canvas.getContext('2d').getImageData(Math.floor(px * dpr), Math.floor(py * dpr), 1, 1).data[3] > 0)
              return resolve();
          }
          if (performance.now() - started > limit) return reject(new Error(`no colour at ${px},${py}`));
          setTimeout(check, 2);
        };
        check();
      }),
    [x, y, timeoutMs],
  );
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
