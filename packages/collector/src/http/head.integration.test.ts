import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';

// HEAD is what link checkers, uptime monitors and `curl -I` send: it must answer wherever GET does,
// with GET's status and headers and no body.
describe('HEAD on every GET route', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-head-'));
  const sdkFile = join(dir, 'heatlens.iife.js');
  const publicDir = join(dir, 'public');
  const auth = { Authorization: 'Bearer shop-read-token-0123456789' };
  let c: Collector;

  beforeAll(async () => {
    mkdirSync(join(publicDir, 'assets'), { recursive: true });
    writeFileSync(sdkFile, '!function(){window.heatlens_test=1}();');
    writeFileSync(join(publicDir, 'index.html'), '<!doctype html><title>dash</title>');
    writeFileSync(join(publicDir, 'assets', 'dashboard.css'), 'body{margin:0}');
    c = await startTestCollector({ sdkFile, publicDir });
  });
  afterAll(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const routes: [string, Record<string, string>][] = [
    ['/sdk.js', {}],
    ['/', {}],
    ['/assets/dashboard.css', {}],
    ['/healthz', {}],
    ['/readyz', {}],
    ['/metrics', {}],
    ['/api/sites', auth],
    ['/api/pages?site=shop&window=5m', auth],
    ['/api/stats?site=shop&path=/&window=5m', auth],
    ['/api/heatmap?site=shop&path=/&kind=click&window=5m', auth],
  ];

  it.each(routes)('HEAD %s answers as GET does, without a body', async (path, headers) => {
    const get = await fetch(`${c.url}${path}`, { headers });
    expect(get.status).toBe(200);
    const head = await fetch(`${c.url}${path}`, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
  });

  it('keeps GET rules: a read without a token is 401, an unknown path 404, POST-only routes 405', async () => {
    expect((await fetch(`${c.url}/api/sites`, { method: 'HEAD' })).status).toBe(401);
    expect((await fetch(`${c.url}/nope`, { method: 'HEAD' })).status).toBe(404);
    expect((await fetch(`${c.url}/collect`, { method: 'HEAD' })).status).toBe(405);
  });
});
