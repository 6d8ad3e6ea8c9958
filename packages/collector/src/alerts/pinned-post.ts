import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { blockedAddress } from './webhook-address.js';

/** The error of a connection whose host resolved to an address a webhook may not reach. */
export const BLOCKED_LOOKUP = 'webhook host resolves to a loopback, link-local or metadata address';

/**
 * `lookup` for a webhook's connection that fails when any address the host resolves to is
 * blocked (webhook-address.ts). The check is made on the very answer the socket connects to, so a
 * name that answers a public address to a check and 127.0.0.1 to the connection (DNS rebinding)
 * cannot reach the collector's host. `base` defaults to `dns.lookup`.
 */
export function guardedLookup(base: LookupFunction = dnsLookup): LookupFunction {
  return (host, options, callback) => {
    base(host, { ...options, all: true }, (err, answer) => {
      if (err) return callback(err, '', 0);
      const list = Array.isArray(answer) ? answer : [{ address: answer, family: 4 }];
      if (list.length === 0 || list.some((a) => blockedAddress(a.address))) {
        const e = Object.assign(new Error(BLOCKED_LOOKUP), { code: 'EWEBHOOKBLOCKED' });
        return callback(e, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * POST `body` as JSON to `url` over node:http(s) with `lookup` on its connection (node's own when unset; a fresh
 * connection each time: no agent keeps one that resolved earlier). Resolves with the status once
 * the answer's headers arrive (its body is discarded); rejects on a network error, a blocked
 * address or `signal`. Redirects are not followed.
 */
export function postJson(
  url: string,
  body: string,
  o: { lookup?: LookupFunction; signal: AbortSignal; headers?: Record<string, string> },
): Promise<number> {
  const u = new URL(url);
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      u,
      {
        method: 'POST',
        agent: false,
        lookup: o.lookup,
        signal: o.signal,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...o.headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
