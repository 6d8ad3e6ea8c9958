import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startCollector, type Collector } from '@heatlens/collector';
import type { Sources, Stats } from '@heatlens/schema/live';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShop } from '../examples/shop/server.mjs';
import { scrollReach } from '../examples/shop/simulate/tally.mjs';
import { hasChromium } from '@heatlens/testkit/chromium';
import { SDK_BUNDLE } from '@heatlens/testkit/sdk-bundle';

// `pnpm simulate` against a real collector and the real shop: what it prints per page must be
// what the collector counts, so the dashboard's numbers can be checked against it.

const run = promisify(execFile);
const SIMULATE = fileURLToPath(new URL('../scripts/simulate.mjs', import.meta.url));
const SDK_FILE = SDK_BUNDLE;

type TallyRow = {
  path: string;
  visitors: number;
  views: number;
  events: number;
  clicks: number;
  rage: number;
  dead: number;
  formStarts: number;
  formSubmits: number;
  plays: number;
  quartiles: number[];
  downloads: number;
  images: number;
  outbound: number;
  engagedMs: number;
  custom: number;
  scrollSessions: number;
  scrollMedian: number;
  reach: number[];
  selectors: { sel: string; count: number }[];
};

/** The collector's numbers for one page, in the simulator's terms. */
function asTally(s: Stats): Omit<TallyRow, 'path'> {
  const m = (k: 'play' | 'p25' | 'p50' | 'p75' | 'complete') => s.media.video[k] + s.media.audio[k];
  return {
    visitors: s.visitors,
    views: s.views,
    events: s.events,
    clicks: s.clicks,
    rage: s.rage,
    dead: s.dead,
    formStarts: s.forms.starts,
    formSubmits: s.forms.submits,
    plays: m('play'),
    quartiles: [m('p25'), m('p50'), m('p75'), m('complete')],
    downloads: s.downloads.total,
    images: s.imageViews.total,
    outbound: s.outbound.total,
    engagedMs: s.engagedMs,
    custom: s.custom.reduce((a, c) => a + Number(c.count), 0),
    scrollSessions: s.scroll.sessions,
    scrollMedian: s.scroll.median,
    reach: s.scroll.reach,
    selectors: s.selectors.map((x) => ({ sel: String(x.sel), count: Number(x.count) })),
  };
}

describe('pnpm simulate', () => {
  let collector: Collector;
  let shop: { url: string; close(): Promise<void> };
  let token: string;

  beforeAll(async () => {
    collector = await startCollector({ port: 0, host: '127.0.0.1', logLevel: 'silent', sdkFile: SDK_FILE });
    token = collector.sites[0]!.readToken;
    shop = await startShop({ port: 0, collectorUrl: collector.url });
  });
  afterAll(async () => {
    await shop?.close();
    await collector?.close();
  });

  async function collectorPages(): Promise<Map<string, Stats>> {
    const res = await fetch(`${collector.url}/api/pages?site=demo&window=1h`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const body = (await res.json()) as { pages: Stats[] };
    return new Map(body.pages.map((p) => [p.path, p]));
  }

  async function siteSources(): Promise<Sources> {
    const res = await fetch(`${collector.url}/api/pages?site=demo&window=1h`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { sources: Sources }).sources;
  }

  async function simulate(args: string[]): Promise<{ stdout: string; rows: TallyRow[]; sources: Sources }> {
    const { stdout } = await run(
      process.execPath,
      [SIMULATE, '--collector', collector.url, '--shop', shop.url, '--json', ...args],
      { timeout: 90_000 },
    );
    const lines = stdout.trim().split('\n');
    const rows = JSON.parse(lines.at(-1)!) as TallyRow[];
    const { sources } = JSON.parse(lines.at(-2)!) as { sources: Sources };
    return { stdout, rows, sources };
  }

  it('sends seeded synthetic visitors as batches and prints exactly what the collector counted', async () => {
    const before = await collectorPages();
    expect(before.size).toBe(0);
    const { stdout, rows, sources } = await simulate(['-n', '30', '--spread', '0', '--speed', '1000', '--seed', '7']);
    expect(stdout).toContain('Simulating 30 visitors (seed 7)');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.map((r) => r.path)).toContain('/product/:id');
    expect(rows.some((r) => r.path.startsWith('/product/') && r.path !== '/product/:id')).toBe(false);
    const pages = await collectorPages();
    for (const row of rows) {
      const { path, ...sent } = row;
      const counted = pages.get(path);
      expect(counted, `collector has ${path}`).toBeDefined();
      // Every number the dashboard shows, scroll reach and median and the clicked selectors
      // included (the collector keeps the top 20); `moves` has no column.
      const { moves: _mv, ...comparable } = sent as TallyRow & { moves: number };
      expect(asTally(counted!), path).toEqual({ ...comparable, selectors: comparable.selectors.slice(0, 20) });
    }
    expect([...pages.keys()].sort()).toEqual(rows.map((r) => r.path).sort());
    // Where the views came from: the printout is the site's Sources panel.
    expect(await siteSources()).toEqual(sources);
    expect(sources.referrers.map(([r]) => r)).toEqual(expect.arrayContaining(['(direct)', '(internal)', 'google.com']));
    expect(sources.languages.length).toBeGreaterThan(3);
    expect(sources.regions.length).toBeGreaterThan(2);
    // The same seed plans the same visitors.
    const again = await simulate(['-n', '30', '--spread', '0', '--speed', '1000', '--seed', '7']);
    expect(again.rows.map((r) => [r.path, r.views, r.clicks])).toEqual(rows.map((r) => [r.path, r.views, r.clicks]));
  });

  it("scroll reach in the collector's 2 % depth bands: 98 % in the last band (100 %), 24.5 % in the 25 % band", () => {
    expect(scrollReach([98, 50, 10, 24.5])).toEqual({ reach: [0.75, 0.5, 0.25, 0.25], median: 52 });
    expect(scrollReach([])).toEqual({ reach: [0, 0, 0, 0], median: 0 });
  });

  it('prints a readable table and refuses bad options', async () => {
    const { stdout } = await run(process.execPath, [
      SIMULATE,
      '--collector',
      collector.url,
      '-n',
      '3',
      '--spread',
      '0',
      '--speed',
      '1000',
      '--seed',
      '1',
    ]);
    expect(stdout).toMatch(/^page\s+visitors\s+views\s+events\s+clicks/m);
    await expect(run(process.execPath, [SIMULATE, '-n', 'lots'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--visitors must be a number'),
    });
    await expect(run(process.execPath, [SIMULATE, '--collector', 'http://127.0.0.1:9'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Start one with `pnpm start`'),
    });
  });

  it('--loop keeps sending waves until Ctrl+C, then prints the tally so far', async () => {
    const child = spawn(process.execPath, [
      SIMULATE,
      '--collector',
      collector.url,
      '--loop',
      '-n',
      '5',
      '--spread',
      '0.2',
      '--speed',
      '50',
      '--seed',
      '3',
    ]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    await expect.poll(() => out, { timeout: 10_000 }).toContain('until Ctrl+C');
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/Accepted [1-9]\d* batches/);
    expect(out).toMatch(/^page\s+visitors\s+views/m);
  });

  describe.runIf(hasChromium)('--browser', () => {
    it('walks the shop in real Chromium pages; the printout matches what the collector counted', async () => {
      const before = await collectorPages();
      const { stdout, rows } = await simulate([
        '--browser',
        '-n',
        '3',
        '--spread',
        '0',
        '--speed',
        '40',
        '--seed',
        '11',
        '--concurrency',
        '3',
      ]);
      expect(stdout).toContain('in Chromium on');
      expect(rows.reduce((a, r) => a + r.views, 0)).toBeGreaterThanOrEqual(3);
      const after = await collectorPages();
      for (const row of rows) {
        const added = (k: 'views' | 'clicks' | 'events') => after.get(row.path)![k] - (before.get(row.path)?.[k] ?? 0);
        expect({ views: added('views'), clicks: added('clicks'), events: added('events') }, row.path).toEqual({
          views: row.views,
          clicks: row.clicks,
          events: row.events,
        });
      }
    }, 120_000);
  });
});
