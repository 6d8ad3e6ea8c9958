import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startCollector, type Collector } from '@heatlens/collector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm simulate --rage` against the demo collector (default sites: alerts without a webhook) must
// fire the demo's rage and dead alerts on the shop's dead coupon button, as the dashboard shows them.

const run = promisify(execFile);
const SIMULATE = fileURLToPath(new URL('../scripts/simulate.mjs', import.meta.url));

describe('pnpm simulate --rage', () => {
  let collector: Collector;
  beforeAll(async () => {
    collector = await startCollector({ port: 0, logLevel: 'silent' });
  });
  afterAll(() => collector?.close());

  it('fires the demo site alerts on the dead coupon button', async () => {
    await collector.alerts.tick();
    expect(collector.alerts.latest('demo')).toEqual({ firing: [], recent: [] });
    const { stdout } = await run(
      process.execPath,
      [
        SIMULATE,
        '--collector',
        collector.url,
        '--rage',
        '-n',
        '10',
        '--spread',
        '0',
        '--speed',
        '1000',
        '--seed',
        '4',
        '--json',
      ],
      { timeout: 90_000 },
    );
    const product = (
      JSON.parse(stdout.trim().split('\n').at(-1)!) as Array<{ path: string; rage: number; dead: number }>
    ).find((r) => r.path === '/product/:id');
    expect(product?.rage).toBeGreaterThanOrEqual(12); // 2 frustrated visitors, 6 rage clicks each
    await collector.alerts.tick();
    const firing = collector.alerts
      .latest('demo')!
      .firing.map((a) => [a.rule, a.page, a.element])
      .sort();
    // (The ordinary visitors' dead clicks on the home page's promo text may fire too.)
    expect(firing).toContainEqual(['dead', '/product/:id', 'button#apply-coupon']);
    expect(firing).toContainEqual(['rage', '/product/:id', 'button#apply-coupon']);
  });
});
