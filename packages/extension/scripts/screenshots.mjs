#!/usr/bin/env node
// Screenshots of the overlay on the demo shop for the README (docs/img/overlay-<width>.png).
// Synthetic visitors: cursor moves scattered around the page's headings, links, buttons and
// images (more on buttons), and clicks on its buttons and links, turned into a layout-v2
// snapshot the way the collector tiles them, then drawn through the extension's own message.
// Run after `pnpm build`: `node packages/extension/scripts/screenshots.mjs [kind] [outDir]`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snapshot, startDrawRig } from '@heatlens/testkit/draw-rig';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const kind = process.argv[2] ?? 'move';
const out = process.argv[3] ?? join(ROOT, 'docs/img');
mkdirSync(out, { recursive: true });
const { startShop } = await import(join(ROOT, 'examples/shop/server.mjs'));
const shop = await startShop({ port: 0, collectorUrl: 'http://127.0.0.1:9' });
const rig = await startDrawRig({ baseUrl: shop.url });
try {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    const { page, tabId } = await rig.open('/', { width, height });
    const map = await page.evaluate(() => {
      let seed = 7;
      const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      const gauss = () => (rand() + rand() + rand() - 1.5) / 1.5;
      const w = document.documentElement.scrollWidth;
      const tiles = new Map();
      const add = (x, y, n = 1) => {
        const key = `${Math.min(49, Math.max(0, Math.floor((50 * x) / w)))},${Math.max(0, Math.floor(y / 20))}`;
        tiles.set(key, (tiles.get(key) ?? 0) + n);
      };
      const selectorOf = (el) => {
        const parts = [];
        for (let e = el; e && e !== document.body && parts.length < 7; e = e.parentElement) {
          if (e.id) {
            parts.unshift(`${e.localName}#${CSS.escape(e.id)}`);
            return parts.join('>');
          }
          const same = [...e.parentElement.children].filter((c) => c.localName === e.localName);
          parts.unshift(same.length > 1 ? `${e.localName}:nth-of-type(${same.indexOf(e) + 1})` : e.localName);
        }
        return parts.length < 8 ? ['body', ...parts].join('>') : null;
      };
      const elements = [];
      for (const el of document.querySelectorAll('h1, h2, h3, a, button, img, input')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        const [x, y] = [r.left + scrollX, r.top + scrollY];
        const weight = el.matches('button, a.button, .btn') ? 40 : el.matches('a') ? 14 : el.matches('h1, h2') ? 20 : 8;
        for (let i = 0; i < weight; i++)
          add(x + r.width * (0.5 + 0.45 * gauss()), y + r.height * (0.5 + 0.45 * gauss()));
        if (el.matches('a, button') && elements.length < 20) {
          const sel = selectorOf(el);
          const n = Math.round(weight / 4 + rand() * 6);
          if (sel && document.querySelector(sel) === el) {
            const points = [];
            for (let i = 0; i < n; i++)
              points.push([Math.floor(10 * (0.5 + 0.3 * gauss())), Math.floor(10 * (0.5 + 0.3 * gauss())), 1]);
            elements.push({ sel, count: n, points });
          }
        }
      }
      const list = [...tiles].map(([k, n]) => [...k.split(',').map(Number), n]);
      return { tiles: list, elements, rows: Math.max(...list.map((t) => t[1])) + 1 };
    });
    const clickMap = kind === 'click';
    const snap = snapshot({
      kind,
      rows: map.rows,
      tiles: clickMap ? [] : map.tiles,
      elements: clickMap ? map.elements : undefined,
      total: map.tiles.reduce((a, t) => a + t[2], 0),
      max: Math.max(1, ...map.tiles.map((t) => t[2])),
    });
    await rig.draw(page, tabId, snap, {
      kind,
      window: '5m',
      seg: 'all',
      opacity: 0.6,
      counts: true,
      radius: width < 768 ? 12 : 16,
    });
    const file = join(out, `overlay-${kind}-${width}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await page.close();
  }
} finally {
  await rig.close();
  await shop.close();
}
