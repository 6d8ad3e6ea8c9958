import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, ipv6Prefix64 } from './rate-limits.js';

const req = (remoteAddress: string, xff?: string) =>
  ({ socket: { remoteAddress }, headers: xff ? { 'x-forwarded-for': xff } : {} }) as unknown as IncomingMessage;

describe('the rate-limit key of a client', () => {
  it('keys IPv4 per address and IPv6 per /64', () => {
    expect(clientIp(req('203.0.113.7'), false)).toBe('203.0.113.7');
    expect(clientIp(req('::ffff:203.0.113.7'), false)).toBe('::ffff:203.0.113.7');
    expect(clientIp(req('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), false)).toBe('2001:db8:1:2::/64');
    expect(ipv6Prefix64('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(ipv6Prefix64('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(ipv6Prefix64('::1')).toBe('0:0:0:0::/64');
    expect(ipv6Prefix64('not an ip')).toBeUndefined();
  });

  it('trusts X-Forwarded-For only when told to', () => {
    expect(clientIp(req('10.0.0.1', '198.51.100.4, 10.0.0.1'), false)).toBe('10.0.0.1');
    expect(clientIp(req('10.0.0.1', '198.51.100.4, 10.0.0.1'), true)).toBe('198.51.100.4');
    expect(clientIp(req('10.0.0.1', '2001:db8:9:9::1'), true)).toBe('2001:db8:9:9::/64');
  });
});
