import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';
import { createDelivery } from './deliver.js';
import { firingAlert } from '../test-support/firing-alert.js';

const alert = firingAlert;

/** The receivers here listen on loopback: allowed explicitly, as a sites file would. */
const ok = { allowPrivate: true };

describe('webhook delivery', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(() => receiver?.close());

  it('retries a webhook that answers 500, then delivers once', async () => {
    receiver = await startWebhookReceiver((n) => (n <= 2 ? 500 : 'ok'));
    const outcomes: string[] = [];
    const d = createDelivery({
      log: pino({ level: 'silent' }),
      backoffMs: 10,
      onDelivered: (_a, n) => outcomes.push(`delivered after ${n}`),
      onFailed: () => outcomes.push('failed'),
    });
    await d.send(receiver.url, alert, ok);
    expect([receiver.requests(), receiver.received.length, outcomes]).toEqual([3, 1, ['delivered after 3']]);
    expect(receiver.received[0]).toMatchObject(alert);
  });

  it('gives up on a webhook that never answers after its retries, each attempt cut at the timeout', async () => {
    receiver = await startWebhookReceiver(() => 'hang');
    const outcomes: string[] = [];
    const d = createDelivery({
      log: pino({ level: 'silent' }),
      timeoutMs: 50,
      retries: 2,
      backoffMs: 10,
      onFailed: () => outcomes.push('failed'),
    });
    await d.send(receiver.url, alert, ok);
    expect([receiver.requests(), outcomes, d.pending()]).toEqual([3, ['failed'], 0]);
  });

  it('does not retry a webhook that refuses the notice (4xx other than 429)', async () => {
    receiver = await startWebhookReceiver(() => 404);
    const outcomes: string[] = [];
    const d = createDelivery({
      log: pino({ level: 'silent' }),
      backoffMs: 10,
      onFailed: () => outcomes.push('failed'),
    });
    await d.send(receiver.url, alert, ok);
    expect([receiver.requests(), outcomes]).toEqual([1, ['failed']]);
  });

  it('never logs the webhook URL', async () => {
    receiver = await startWebhookReceiver(() => 500);
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const d = createDelivery({ log, retries: 1, backoffMs: 10 });
    await d.send(receiver.url, alert, ok);
    await d.send('http://127.0.0.1:1/hooks/secret-path-0123', alert, ok); // connection refused
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('\n')).not.toContain('secret-path');
  });

  it('refuses a loopback webhook unless allowed, before any request', async () => {
    receiver = await startWebhookReceiver();
    const d = createDelivery({ log: pino({ level: 'silent' }), backoffMs: 10 });
    expect(await d.send(receiver.url, alert)).toBe(false);
    expect(receiver.requests()).toBe(0);
    expect(await d.send(receiver.url, alert, ok)).toBe(true);
  });

  it("keeps a hanging receiver's notices in its own site's queue: another site's is delivered at once", async () => {
    receiver = await startWebhookReceiver(() => 'hang');
    const other = await startWebhookReceiver();
    try {
      const d = createDelivery({ log: pino({ level: 'silent' }), timeoutMs: 60_000, retries: 0, maxPending: 20 });
      const flood = Array.from({ length: 200 }, (_, i) => d.send(receiver!.url, { ...alert, id: `rage|/|#x${i}` }, ok));
      // Past the flooding site's bound its notices are refused at once, not queued.
      expect(await Promise.race([flood[199]!, new Promise((r) => setTimeout(() => r('queued'), 500))])).toBe(false);
      expect(await d.send(other.url, { ...alert, site: 'blog' }, ok)).toBe(true);
      expect(other.received.map((a) => a.site)).toEqual(['blog']);
      // Two places per site: the hanging receiver got two requests, the rest wait their turn.
      await receiver.until(() => receiver!.requests() === 2);
      await new Promise((r) => setTimeout(r, 100));
      expect(receiver.requests()).toBe(2);
      await d.close();
      await Promise.all(flood);
    } finally {
      await other.close();
    }
  });
});
