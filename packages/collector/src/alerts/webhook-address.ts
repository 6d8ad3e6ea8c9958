import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless its site sets `alerts.allowPrivateWebhook`: loopback,
 * link-local (169.254.0.0/16 holds the cloud metadata services, 169.254.169.254 and
 * 169.254.170.2; fe80::/10), the unspecified addresses, and AWS's IPv6 metadata address. Whoever
 * edits the sites file could otherwise make every collector POST to its own host's services.
 */
const blocked = new BlockList();
blocked.addSubnet('127.0.0.0', 8, 'ipv4');
blocked.addSubnet('169.254.0.0', 16, 'ipv4');
blocked.addSubnet('0.0.0.0', 8, 'ipv4');
blocked.addAddress('::1', 'ipv6');
blocked.addAddress('::', 'ipv6');
blocked.addSubnet('fe80::', 10, 'ipv6');
blocked.addAddress('fd00:ec2::254', 'ipv6');

/** Host names of metadata services and loopback that need no DNS to be known for what they are. */
const BLOCKED_NAMES = /^(localhost|.*\.localhost|metadata|metadata\.google\.internal|instance-data)\.?$/i;

/** Whether an address (IPv4, IPv6, or IPv4-mapped IPv6) is one a webhook may not reach. */
export function blockedAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const v = isIP(a);
  return v !== 0 && blocked.check(a, v === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a URL's host is, as written, a blocked address or name (checked when sites load). */
export function privateHost(hostname: string): boolean {
  return BLOCKED_NAMES.test(hostname) || blockedAddress(hostname);
}

/**
 * Resolve a webhook's host and refuse it when the name or any address it resolves to is blocked
 * (checked before each delivery: a public name can be pointed at 127.0.0.1 after the sites file
 * was loaded). Resolves when the webhook may be called; rejects with an Error saying why.
 */
export async function checkWebhookTarget(url: string): Promise<void> {
  const host = new URL(url).hostname;
  if (privateHost(host)) throw new Error('webhook address is loopback, link-local or metadata');
  if (isIP(host.replace(/^\[|\]$/g, ''))) return;
  const addresses = await lookup(host, { all: true });
  if (addresses.some((a) => blockedAddress(a.address)))
    throw new Error('webhook host resolves to a loopback, link-local or metadata address');
}
