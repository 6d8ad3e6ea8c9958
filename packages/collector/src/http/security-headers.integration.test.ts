import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';
import { SITES, batch, get, post } from '@heatlens/testkit/collector';

/**
 * Every answer carries the headers that keep the dashboard's read token (in localStorage) out of
 * reach of injected scripts and framing pages. Before, none of them were sent.
 */
describe('security headers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-headers-'));
  let c: Collector;
  beforeAll(async () => {
    mkdirSync(join(dir, 'public', 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'public', 'index.html'),
      '<!doctype html><title>dash</title><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(dir, 'public', 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dir, 'sdk.js'), '!function(){}();');
    c = await startTestCollector({
      publicDir: join(dir, 'public'),
      sdkFile: join(dir, 'sdk.js'),
    });
  });
  afterAll(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const routes: Array<[string, () => Promise<Response>]> = [
    ['the dashboard', () => fetch(`${c.url}/`)],
    ['a dashboard script', () => fetch(`${c.url}/assets/app.js`)],
    ['the SDK', () => fetch(`${c.url}/sdk.js`)],
    ['a read', () => get(c.url, '/api/sites', SITES[0]!.readToken)],
    ['a write', () => post(c.url, batch())],
    // A write's answers are written by the write path itself (collect.ts), the refusals too.
    [
      'a refused write',
      () => fetch(`${c.url}/collect`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{' }),
    ],
    ['an error', () => fetch(`${c.url}/nowhere`)],
  ];
  for (const [name, send] of routes) {
    it(`are sent with ${name}`, async () => {
      const res = await send();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      // connect-src: this origin, and its WebSocket form for /live.
      const host = new URL(c.url).host;
      expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host};`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    });
  }

  it('never echo a Host header that is not a plain host into the policy', async () => {
    const csp = await new Promise<string>((resolve, reject) => {
      request(`${c.url}/`, { headers: { host: "evil; script-src 'unsafe-inline'" } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      })
        .on('error', reject)
        .end();
    });
    expect(csp).not.toContain('evil');
    expect(csp).toContain("connect-src 'self';");
  });
});
