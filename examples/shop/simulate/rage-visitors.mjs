import { setTimeout as sleep } from 'node:timers/promises';
import { postBatch } from './send-visitor.mjs';

/** The product page's "Apply coupon" button does nothing: hammering it makes rage and dead clicks. */
export const DEAD_BUTTON = 'button#apply-coupon';

/**
 * Send `count` frustrated visitors over `spreadMs`: each opens a product page and clicks the dead
 * coupon button 8 times within a second, as the SDK reports it (clicks 3-8 flagged `rage`, every
 * one `dead`), in one batch. Enough of them fire the demo site's `rage` and `dead` alerts.
 * @param {{collectorUrl: string, origin: string, site: string, count: number, spreadMs: number,
 *   onBatch?: (batch: object, status: number) => void}} opts
 */
export async function sendRageVisitors({ collectorUrl, origin, site, count, spreadMs, onBatch }) {
  for (let i = 0; i < count; i++) {
    const now = Date.now();
    const clicks = Array.from({ length: 8 }, (_, k) => ({
      type: 'click',
      ts: now - 1000 + k * 120,
      x: 560 + k,
      y: 330,
      w: 1280,
      h: 700,
      sel: DEAD_BUTTON,
      dead: true,
      ...(k >= 2 ? { rage: true } : {}),
    }));
    const batch = {
      v: 1,
      id: `rage-${now}-${i}`,
      site,
      sid: `rage-${now}-${i}`,
      path: `/product/${(i % 6) + 1}`,
      vw: 1280,
      sent: now,
      events: [{ type: 'pageview', ts: now - 3000, vh: 700 }, ...clicks],
    };
    onBatch?.(batch, await postBatch({ collectorUrl, origin }, batch));
    if (i < count - 1) await sleep(spreadMs / count);
  }
}
