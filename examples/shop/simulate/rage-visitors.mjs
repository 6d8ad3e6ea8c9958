import { setTimeout as sleep } from 'node:timers/promises';
import { postBatch } from './send-visitor.mjs';
import { shopClicks } from './shop-clicks.mjs';

/** The product page's "Apply coupon" button does nothing: hammering it makes rage and dead clicks. */
export const DEAD_BUTTON = 'button#apply-coupon';
/** The desktop width the frustrated visitors browse at. */
const VW = 1440;

/**
 * Send `count` frustrated visitors over `spreadMs`: each opens a product page and clicks the dead
 * coupon button 8 times within a second, as the SDK reports it (clicks 3-8 flagged `rage`, every
 * one `dead`), in one batch, at the point Chromium's SDK sends for the button (shop-clicks.json).
 * Enough of them fire the demo site's `rage` and `dead` alerts.
 * @param {{collectorUrl: string, origin: string, site: string, count: number, spreadMs: number,
 *   onBatch?: (batch: object, status: number) => void}} opts
 */
export async function sendRageVisitors({ collectorUrl, origin, site, count, spreadMs, onBatch }) {
  const { layoutFor } = shopClicks();
  for (let i = 0; i < count; i++) {
    const now = Date.now();
    const path = `/product/${(i % 6) + 1}`;
    const { event } = layoutFor(path, VW).spots.coupon;
    if (event.sel !== DEAD_BUTTON) throw new Error(`the SDK names the coupon button ${event.sel}, not ${DEAD_BUTTON}`);
    const clicks = Array.from({ length: 8 }, (_, k) => ({
      ...event,
      type: 'click',
      ts: now - 1000 + k * 120,
      dead: true,
      ...(k >= 2 ? { rage: true } : {}),
    }));
    const batch = {
      v: 1,
      id: `rage-${now}-${i}`,
      site,
      sid: `rage-${now}-${i}`,
      path,
      vw: VW,
      sent: now,
      events: [{ type: 'pageview', ts: now - 3000, vh: 820 }, ...clicks],
    };
    onBatch?.(batch, await postBatch({ collectorUrl, origin }, batch));
    if (i < count - 1) await sleep(spreadMs / count);
  }
}
