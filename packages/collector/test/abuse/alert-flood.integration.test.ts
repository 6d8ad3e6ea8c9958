import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../src/config.js';
import { startCollector, type Collector } from '../../src/server.js';
import { batch, post } from '@heatlens/testkit/collector';
import { redisAvailable, startRedis, type TestRedis } from '@heatlens/testkit/redis-server';
import { startWebhookReceiver, type Answer, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';

let seq = 0;
/** Five rage clicks on `sel` at `path` by a visitor of its own. */
const rage = (site: string, path: string, sel: string) => {
  const now = Date.now();
  const click = { type: 'click', ts: now, x: 10, y: 10, w: 1280, h: 3000, sel, rage: true };
  return batch(
    { site, path, sid: `f${++seq}`, sent: now },
    Array.from({ length: 5 }, () => click),
  );
};

/**
 * One site's alert flood (rage clicks on 200 distinct selectors of a public site) made 40,000
 * notices, filled the one backlog every site shared while its webhook hung or failed, and
 * another site's real alert was never delivered. Now each rule fires at most `maxFiringPerRule`
 * alerts per site plus one roll-up, each site has its own delivery queue, a firing alert that
 * could not be delivered is offered again until it is, and visitors' strings in `text` are
 * escaped for the receiver's markup.
 */
describe.each([
  ['memory', false],
  ['Redis', true],
] as const)('an alert flood on %s', (_name, onRedis) => {
  let flood: WebhookReceiver;
  let victim: WebhookReceiver;
  let c: Collector;
  let redis: TestRedis | undefined;
  const start = async (answer: (n: number) => Answer) => {
    if (onRedis) redis = await startRedis(['--save', '']);
    flood = await startWebhookReceiver(answer);
    victim = await startWebhookReceiver();
    const site = (id: string, webhook: string): SiteConfig => ({
      id,
      origins: ['*'],
      readToken: `${id}-read-token-0123456789`,
      alerts: { webhook, allowPrivateWebhook: true },
    });
    c = await startCollector({
      port: 0,
      logLevel: 'silent',
      redisUrl: redis?.url,
      sites: [site('shop', flood.url), site('blog', victim.url)],
      rateLimits: false,
      alerts: { evalMs: 100, timeoutMs: 300, retries: 0, backoffMs: 20, redeliverMs: 200 },
    });
  };
  beforeAll(() => start((n) => (n <= 40 ? 500 : 'ok')));
  afterAll(async () => {
    await c.close();
    await Promise.all([flood.close(), victim.close(), redis?.stop()]);
  });

  it.runIf(!onRedis || redisAvailable())(
    "bounds the flood, delivers the other site's alert, and every firing one once it can",
    async () => {
      for (let i = 0; i < 200; i++)
        expect((await post(c.url, rage('shop', '/', `#b${i}`), 'https://x.example')).status).toBe(204);
      await c.alerts.tick(); // joins one that may have read before the last batch
      await c.alerts.tick();
      expect((await post(c.url, rage('blog', '/', '<!channel> <https://evil.test|Click>'))).status).toBe(204);
      await victim.until(() => victim.received.length === 1, 10_000, "the other site's alert");
      expect(victim.received[0]!.text).toContain('&lt;!channel&gt; &lt;https://evil.test|Click&gt;');
      expect(victim.received[0]!.text).not.toContain('<!channel>');
      // 20 elements and one roll-up for the others (those left out when it opened), not 200 notices.
      const firing = c.alerts.latest('shop')!.firing;
      expect(firing.length).toBe(21);
      const opened = firing.find((a) => a.element === '(more)')?.figures.count ?? 0;
      expect(opened).toBeGreaterThan(0);
      // The roll-up's count follows the flood while it fires (it kept the count it opened with):
      // 50 more elements on another page, each left out.
      for (let i = 0; i < 50; i++)
        expect((await post(c.url, rage('shop', '/b', `#b${i}`), 'https://x.example')).status).toBe(204);
      await c.alerts.tick(); // joins one that may have read before the last batch
      await c.alerts.tick();
      const more = c.alerts.latest('shop')!.firing.filter((a) => a.element === '(more)');
      expect(more.map((a) => a.figures.count)).toEqual([opened + 50]);
      expect(more[0]!.text).toContain(`${opened + 50} more rage alerts`);
      // The first 40 attempts got 500 and retries are off: each firing alert is offered again.
      await flood.until(() => new Set(flood.received.map((a) => a.id)).size === 21, 20_000, 'every firing alert');
    },
    40_000,
  );
});
