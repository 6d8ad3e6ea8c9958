import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '@heatlens/testkit/webhook-receiver';
import { createDelivery } from './deliver.js';
import { firingAlert } from '../test-support/firing-alert.js';

const alert = firingAlert;

/** A resolver that gives its answers in turn (the last one again when they run out), and counts its calls. */
function scriptedLookup(answers: LookupAddress[][]) {
  let calls = 0;
  const lookup = ((_host: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
    const list = answers[Math.min(calls++, answers.length - 1)]!;
    setImmediate(() => (options.all ? cb(null, list) : cb(null, list[0]!.address, list[0]!.family)));
  }) as unknown as LookupFunction;
  return { lookup, calls: () => calls };
}
const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const PUBLIC = v4('192.0.2.10'); // TEST-NET-1: public by our rules, routed nowhere

/**
 * DNS rebinding: a webhook host checked against private addresses and then resolved again by the
 * connection could answer a public address to the check and 127.0.0.1 to the connection. The
 * address checked is now the one the connection uses (pinned-post.ts).
 */
describe('webhook delivery pins the address it checked', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(() => receiver?.close());
  const hostUrl = (r: WebhookReceiver) => r.url.replace('127.0.0.1', 'hooks.rebind.test');

  it('refuses a host that answers a public address, then loopback', async () => {
    receiver = await startWebhookReceiver();
    const dns = scriptedLookup([[PUBLIC], [v4('127.0.0.1')]]);
    const refused: string[] = [];
    const d = createDelivery({
      log: pino({ level: 'silent' }),
      timeoutMs: 500,
      retries: 2,
      backoffMs: 10,
      lookup: dns.lookup,
      onFailed: () => refused.push('failed'),
    });
    expect(await d.send(hostUrl(receiver), alert)).toBe(false);
    // One resolution per connection, none beside it: the second one (loopback) was refused.
    expect([receiver.requests(), dns.calls(), refused]).toEqual([0, 2, ['failed']]);
  });

  it('refuses a host whose answer mixes a public and a mapped loopback address', async () => {
    receiver = await startWebhookReceiver();
    const dns = scriptedLookup([[PUBLIC, { address: '::ffff:127.0.0.1', family: 6 }]]);
    const d = createDelivery({ log: pino({ level: 'silent' }), retries: 0, lookup: dns.lookup });
    expect(await d.send(hostUrl(receiver), alert)).toBe(false);
    expect(receiver.requests()).toBe(0);
  });

  it('delivers to a name that resolves to loopback when the site allows private webhooks', async () => {
    receiver = await startWebhookReceiver();
    const dns = scriptedLookup([[v4('127.0.0.1')]]);
    const d = createDelivery({ log: pino({ level: 'silent' }), retries: 0, lookup: dns.lookup });
    expect(await d.send(hostUrl(receiver), alert, { allowPrivate: true })).toBe(true);
    expect(receiver.received[0]).toMatchObject(alert);
  });
});
