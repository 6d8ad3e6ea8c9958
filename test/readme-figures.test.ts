import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startCollector } from '@heatlens/collector';
import { describe, expect, it } from 'vitest';

// Words match numbers: the README's byte figures for the SDK are read back from the build (size-limit's
// min+brotli of the entries, and the bytes `GET /sdk.js` sends with brotli), within 1 %. The README
// once said "3.2 kB on the wire" of a 4,707 B script.

const root = fileURLToPath(new URL('..', import.meta.url));
const sdk = `${root}packages/sdk`;
const readme = readFileSync(`${root}README.md`, 'utf8');
const num = (s: string) => Number(s.replace(/,/g, ''));

/** size-limit's rows (name, size in bytes) for the built SDK. */
function sizes(): Map<string, number> {
  let out: string;
  try {
    out = execFileSync(`${sdk}/node_modules/.bin/size-limit`, ['--json'], { cwd: sdk, encoding: 'utf8' });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? ''; // a limit exceeded still prints the JSON
  }
  return new Map((JSON.parse(out) as { name: string; size: number }[]).map((r) => [r.name, r.size]));
}

const near = (said: number, measured: number, what: string) =>
  expect(
    Math.abs(said - measured),
    `${what}: README says ${said} B, the build measures ${measured} B`,
  ).toBeLessThanOrEqual(measured * 0.01);

describe("the README's SDK byte figures", () => {
  it('match size-limit on the built SDK', () => {
    expect(existsSync(`${sdk}/dist/heatlens.iife.js`), 'run pnpm build first').toBe(true);
    const rows = sizes();
    const core = /\| SDK heatmap core[^|]*\| ([\d,]+) B \|/.exec(readme);
    const all = /\| SDK, every tracker[^|]*\| ([\d,]+) B \/ ([\d,]+) B \|/.exec(readme);
    expect(core, 'the core row').not.toBeNull();
    expect(all, 'the every-tracker row').not.toBeNull();
    const by = (prefix: string) => [...rows].find(([n]) => n.startsWith(prefix))![1];
    near(num(core![1]!), by('heatmap core'), 'heatmap core');
    near(num(all![1]!), by('everything'), 'init()');
    near(num(all![2]!), by('script tag'), 'script tag');
  }, 120_000);

  it('match the bytes GET /sdk.js sends with brotli', async () => {
    const said = /brotli \(([\d,]+) B on the wire/.exec(readme);
    expect(said, 'the /sdk.js row names its bytes on the wire').not.toBeNull();
    const c = await startCollector({
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      sdkFile: `${sdk}/dist/heatlens.iife.js`,
    });
    try {
      const wire = await new Promise<{ enc?: string; n: number }>((resolve, reject) =>
        get(`${c.url}/sdk.js`, { headers: { 'accept-encoding': 'br' } }, (res) => {
          let n = 0;
          res.on('data', (d: Buffer) => (n += d.length));
          res.on('end', () => resolve({ enc: res.headers['content-encoding'], n }));
        }).on('error', reject),
      );
      expect(wire.enc).toBe('br');
      near(num(said![1]!), wire.n, 'GET /sdk.js');
    } finally {
      await c.close();
    }
  });
});
