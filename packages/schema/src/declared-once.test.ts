import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The read-side vocabulary is declared in this package only: a copy elsewhere drifts (the
// extension's `/api/sites` shape once made `routes` optional while the collector always sends it).
// Each pattern below is a re-declaration seen before; package sources outside `schema/src` must
// import the schema's name instead. Tests may spell wire values out: they assert the wire.

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCES = [
  'packages/extension/src',
  'packages/collector/src',
  'packages/collector/dashboard/src',
  'packages/sdk/src',
  'packages/testkit/src',
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) yield path;
  }
}

const COPIES: Array<[what: string, pattern: RegExp]> = [
  ['the live subprotocol (LIVE_PROTOCOL, liveProtocols)', /['"]heatlens\.v1['"]/],
  ['the read-token subprotocol (TOKEN_PROTOCOL_PREFIX, liveProtocols)', /`token\.\$\{/],
  ['the site-id pattern (SITE_ID_PATTERN)', /\{1,64\}\$/],
  ['a window list (WINDOWS, VIEW_WINDOWS)', /\[\s*'5m',\s*'1h'/],
  ['window lengths (WINDOWS)', /'5m':\s*300_000/],
  ['a kind union (KINDS)', /Literal\('move'\),\s*Type\.Literal\('click'\)/],
  [
    'a segment-filter list (SEGMENT_FILTERS)',
    /\[\s*'all',\s*'s',\s*'m',\s*'l'\s*\]|Literal\('all'\),\s*Type\.Literal\('s'\)/,
  ],
  ['the /api/sites shape (Sites)', /SitesResponse\s*=|type SiteInfo\b|\{\s*id: string; origins: string\[\]; routes/],
  ['an error-path formatter (fieldPath, explainFirst)', /\.path\b[^;\n]*replaceAll\('\/', '\.'\)/],
  ['scroll reach from bands (reachFromBands)', /perBand\[band\]/],
];

describe('the read-side vocabulary', () => {
  it('is declared in @heatlens/schema only', () => {
    const found: string[] = [];
    for (const dir of SOURCES) {
      for (const file of sourceFiles(join(root, dir))) {
        const text = readFileSync(file, 'utf8');
        for (const [what, pattern] of COPIES) if (pattern.test(text)) found.push(`${relative(root, file)}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });
});
