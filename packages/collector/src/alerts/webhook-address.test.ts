import { describe, expect, it } from 'vitest';
import { blockedAddress, checkWebhookTarget, privateHost } from './webhook-address.js';

describe('webhook addresses', () => {
  it('blocks loopback, link-local, metadata and unspecified addresses, in every spelling', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '169.254.169.254', '169.254.170.2', '0.0.0.0', '::1', '[::1]', '::'])
      expect([a, blockedAddress(a)]).toEqual([a, true]);
    for (const a of ['fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:169.254.169.254'])
      expect([a, blockedAddress(a)]).toEqual([a, true]);
    for (const a of ['93.184.216.34', '10.0.0.5', '192.168.1.2', '2606:4700::1111', '::ffff:8.8.8.8'])
      expect([a, blockedAddress(a)]).toEqual([a, false]);
  });

  it('blocks metadata and loopback names as written', () => {
    for (const h of ['localhost', 'api.localhost', 'metadata.google.internal', 'METADATA', '127.0.0.1'])
      expect([h, privateHost(h)]).toEqual([h, true]);
    expect(privateHost('hooks.slack.com')).toBe(false);
  });

  it('refuses a host that resolves to loopback before any request', async () => {
    await expect(checkWebhookTarget('http://localhost:9/x')).rejects.toThrow(/loopback/);
    await expect(checkWebhookTarget('http://[::ffff:7f00:1]:9/x')).rejects.toThrow(/loopback/);
    await expect(checkWebhookTarget('http://93.184.216.34/x')).resolves.toBeUndefined();
  });
});
