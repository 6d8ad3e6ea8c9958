import type { Alert } from '@heatlens/schema';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';
import { createDelivery } from './deliver.js';

const alert = {
  id: 'rage|/|#pay',
  site: 'shop',
  page: '/',
  rule: 'rage',
  state: 'firing',
  element: '#pay',
  figures: { count: 5 },
  window: { ms: 300_000, from: 0, to: 1 },
  at: 1,
  link: 'x',
  text: 't',
} satisfies Alert;

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
    await d.send(receiver.url, alert);
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
    await d.send(receiver.url, alert);
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
    await d.send(receiver.url, alert);
    expect([receiver.requests(), outcomes]).toEqual([1, ['failed']]);
  });

  it('never logs the webhook URL', async () => {
    receiver = await startWebhookReceiver(() => 500);
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const d = createDelivery({ log, retries: 1, backoffMs: 10 });
    await d.send(receiver.url, alert);
    await d.send('http://127.0.0.1:1/hooks/secret-path-0123', alert); // connection refused
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join('\n')).not.toContain('secret-path');
  });
});
