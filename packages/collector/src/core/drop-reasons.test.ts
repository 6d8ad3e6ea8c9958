import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DROP_REASONS } from './drop-reasons.js';

const ARCHITECTURE = new URL('../../../../ARCHITECTURE.md', import.meta.url);

/** The reasons named in the first column of ARCHITECTURE.md's "Drop reasons" table. */
function documentedReasons(): string[] {
  const doc = readFileSync(ARCHITECTURE, 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Drop reasons\n'));
  if (!section) throw new Error('ARCHITECTURE.md has no "## Drop reasons" section');
  return [...section.matchAll(/^\|\s*`([a-z_]+)`\s*\|/gm)].map((m) => m[1]!);
}

describe('drop reasons', () => {
  it('ARCHITECTURE.md lists exactly the DropReason union, each once', () => {
    const documented = documentedReasons();
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(DROP_REASONS).sort());
  });

  it('every reason says what it means', () => {
    for (const [reason, meaning] of Object.entries(DROP_REASONS)) expect(meaning.length, reason).toBeGreaterThan(10);
  });
});
