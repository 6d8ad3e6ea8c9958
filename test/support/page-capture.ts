import type { Page } from 'playwright-core';

/** A capture's meta as `POST /api/captures` takes it (see the HTTP API table of the design). */
export type CaptureMeta = {
  seg: 's' | 'm' | 'l';
  width: number;
  height: number;
  takenAt: number;
  elements: Array<{ sel: string; name: string; box: [number, number, number, number]; fixed?: boolean }>;
};

/**
 * A page capture taken by the test itself (until the extension's own is used here): Playwright's
 * full-page screenshot of `page` and the page px boxes and visible text of `selectors` (a name
 * may be overridden, e.g. to hold markup).
 */
export async function takeCapture(
  page: Page,
  selectors: readonly string[],
  names: Record<string, string> = {},
): Promise<{ png: Buffer; meta: CaptureMeta }> {
  const found = await page.evaluate((sels) => {
    const doc = document.scrollingElement ?? document.documentElement;
    return {
      width: doc.scrollWidth,
      height: doc.scrollHeight,
      elements: sels.flatMap((sel) => {
        const el = document.querySelector(sel);
        const r = el?.getBoundingClientRect();
        if (!el || !r || !r.width) return [];
        const box: [number, number, number, number] = [r.left + scrollX, r.top + scrollY, r.width, r.height];
        return [{ sel, name: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60), box }];
      }),
    };
  }, selectors);
  const png = await page.screenshot({ fullPage: true });
  const seg = found.width < 768 ? 's' : found.width < 1200 ? 'm' : 'l';
  const elements = found.elements.map((e) => ({ ...e, name: names[e.sel] ?? e.name }));
  return { png, meta: { seg, width: found.width, height: found.height, takenAt: Date.now(), elements } };
}

/** Upload a capture through the collector's real route; returns its id. Throws on any other answer than 201. */
export async function uploadCapture(
  base: string,
  token: string,
  site: string,
  path: string,
  c: { png: Buffer; meta: CaptureMeta },
): Promise<string> {
  const form = new FormData();
  form.append('meta', JSON.stringify(c.meta));
  form.append('image', new Blob([c.png], { type: 'image/png' }), 'capture.png');
  const q = new URLSearchParams({ site, path });
  const res = await fetch(`${base}/api/captures?${q}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`POST /api/captures: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Click events on each capture element, `per` of them spread inside its box (page px, with the
 * element point `ex`, `ey`), as a batch's events; the page is `width` px wide.
 */
export function clicksOn(meta: CaptureMeta, per: (i: number) => number): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  meta.elements.forEach((e, i) => {
    const [x, y, w, h] = e.box;
    const n = per(i);
    for (let k = 0; k < n; k++) {
      const ex = ((k * 7) % 10) / 10 + 0.05;
      const ey = ((k * 3) % 10) / 10 + 0.05;
      out.push({ type: 'click', x: x + ex * w, y: y + ey * h, w: meta.width, h: meta.height, sel: e.sel, ex, ey });
    }
  });
  return out;
}

/**
 * The share of displayed heat inside the boxes: two screenshots of the page view's stage, with
 * and without its heat layer (labels hidden in both), compared in the page itself; each pixel's
 * difference weighs what heat added there. Boxes are page px, mapped by the stage's zoom.
 */
export async function heatInsideShare(
  page: Page,
  boxes: ReadonlyArray<readonly [number, number, number, number]>,
  pageWidth: number,
) {
  const stage = page.locator('#heat-stage');
  await page.evaluate(() => {
    const s = document.getElementById('heat-scroll')!;
    s.style.maxHeight = 'none';
    document.getElementById('heatmap')!.style.visibility = 'hidden';
  });
  const shot = async () => (await stage.screenshot()).toString('base64');
  const withHeat = await shot();
  await page.evaluate(() => (document.getElementById('heatmap-heat')!.style.visibility = 'hidden'));
  const without = await shot();
  await page.evaluate(() => {
    document.getElementById('heatmap-heat')!.style.visibility = '';
    document.getElementById('heatmap')!.style.visibility = '';
    document.getElementById('heat-scroll')!.style.maxHeight = '';
  });
  return page.evaluate(
    async ([a, b, boxes, pageWidth]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
      const [x, y] = [await load(a), await load(b)];
      const zoom = x.width / pageWidth;
      let inside = 0;
      let total = 0;
      for (let py = 0; py < x.height; py++)
        for (let px = 0; px < x.width; px++) {
          const i = (py * x.width + px) * 4;
          const d =
            Math.abs(x.data[i]! - y.data[i]!) +
            Math.abs(x.data[i + 1]! - y.data[i + 1]!) +
            Math.abs(x.data[i + 2]! - y.data[i + 2]!);
          if (d === 0) continue;
          total += d;
          const gx = (px + 0.5) / zoom;
          const gy = (py + 0.5) / zoom;
          if (boxes.some(([bx, by, bw, bh]) => gx >= bx && gx <= bx + bw && gy >= by && gy <= by + bh)) inside += d;
        }
      return { inside: total ? inside / total : 0, total, zoom, width: x.width };
    },
    [withHeat, without, boxes, pageWidth] as const,
  );
}
