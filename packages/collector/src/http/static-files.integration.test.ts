import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../server.js';
import { startTestCollector } from '../test-support/test-collector.js';

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A GET that returns the bytes on the wire (fetch would decode them). */
function getRaw(base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    request(new URL(path, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('static files: /sdk.js, the dashboard and its assets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heatlens-static-'));
  const sdkFile = join(dir, 'heatlens.iife.js');
  const publicDir = join(dir, 'public');
  const script = `!function(){${'window.heatlens_test=(window.heatlens_test||0)+1;'.repeat(60)}}();`;
  let c: Collector;

  beforeAll(async () => {
    mkdirSync(join(publicDir, 'assets'), { recursive: true });
    writeFileSync(sdkFile, script);
    writeFileSync(join(publicDir, 'index.html'), `<!doctype html><title>dash</title>${'<p>row</p>'.repeat(100)}`);
    writeFileSync(join(publicDir, 'assets', 'pixel.png'), Buffer.alloc(1000, 7));
    c = await startTestCollector({ sdkFile, publicDir });
  });
  afterAll(async () => {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the SDK with brotli, gzip or as it is, as the client accepts', async () => {
    const br = await getRaw(c.url, '/sdk.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['access-control-allow-origin']).toBe('*');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await getRaw(c.url, '/sdk.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await getRaw(c.url, '/sdk.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
    // One validator per representation, all of the same content.
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
  });

  it('answers a revalidation with 304 while the file is unchanged, and serves a rebuilt file at once', async () => {
    const first = await getRaw(c.url, '/sdk.js', { 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    const again = await getRaw(c.url, '/sdk.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // A cached identity copy is as good as the brotli one: same content.
    const plainTag = (await getRaw(c.url, '/sdk.js')).headers.etag as string;
    expect((await getRaw(c.url, '/sdk.js', { 'accept-encoding': 'br', 'if-none-match': `W/${plainTag}` })).status).toBe(
      304,
    );
    expect((await getRaw(c.url, '/sdk.js', { 'if-none-match': '"stale"' })).status).toBe(200);

    const rebuilt = script + '/* v2 */';
    writeFileSync(sdkFile, rebuilt);
    const fresh = await getRaw(c.url, '/sdk.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(fresh.status).toBe(200);
    expect(brotliDecompressSync(fresh.body).toString()).toBe(rebuilt);
    expect(fresh.headers.etag).not.toBe(etag);
  });

  it('compresses the dashboard page but not images, and refuses paths outside the assets', async () => {
    const page = await getRaw(c.url, '/', { 'accept-encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(page.body).toString()).toContain('<title>dash</title>');
    const png = await getRaw(c.url, '/assets/pixel.png', { 'accept-encoding': 'br, gzip' });
    expect(png.status).toBe(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.equals(Buffer.alloc(1000, 7))).toBe(true);
    expect((await getRaw(c.url, '/assets/missing.js')).status).toBe(404);
    expect((await getRaw(c.url, '/assets/..%2f..%2fheatlens.iife.js')).status).toBe(404);
    expect((await getRaw(c.url, '/assets/')).status).toBe(404);
  });

  it('falls back to a placeholder page without a built dashboard, and names a missing SDK', async () => {
    unlinkSync(join(publicDir, 'index.html'));
    const page = await getRaw(c.url, '/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('The dashboard is not built');
    unlinkSync(sdkFile);
    const sdk = await getRaw(c.url, '/sdk.js');
    expect(sdk.status).toBe(404);
    expect(JSON.parse(sdk.body.toString()).error).toMatch(/^sdk: not built/);
  });
});
