import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md's "Bounds" table against the code: each row's constant is in the file it names with
// the value it states, and every `MAX` constant of those files has a row.
const root = new URL('../../../', import.meta.url);
const doc = readFileSync(new URL('ARCHITECTURE.md', root), 'utf8');
const section = /^## Bounds\n([\s\S]*?)^## /m.exec(doc)?.[1] ?? '';

type Row = { constant: string; file: string };
const rows: Row[] = section
  .split('\n')
  .filter((l) => l.startsWith('| `'))
  .map((l) => {
    const cells = l.split(' | ');
    return { constant: cells[0]!.slice(3, -1), file: cells.at(-1)!.slice(1, -3) };
  });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const source = (file: string) => readFileSync(new URL(`packages/${file}`, root), 'utf8');

/** How a row's constant must appear in its file: `NAME = value`, `name: value`, or a declared `NAME`. */
function pattern(constant: string): RegExp {
  const m = /^([\w']+)( = |: )(.+)$/.exec(constant);
  if (!m) return new RegExp(`\\bconst ${escape(constant)}\\b`);
  return new RegExp(`\\b${escape(m[1]!)}${m[2] === ' = ' ? '\\s*=' : ':'}\\s*${escape(m[3]!)}(?![\\w.])`);
}

describe('ARCHITECTURE.md bounds table', () => {
  it('has rows', () => {
    expect(rows.length).toBeGreaterThan(30);
  });

  it.each(rows.map((r) => [r.constant, r.file]))('%s is in %s with that value', (constant, file) => {
    expect(source(file)).toMatch(pattern(constant));
  });

  it('lists every MAX constant of the files it names', () => {
    const listed = new Set(rows.map((r) => /^\w+/.exec(r.constant)?.[0]));
    const missing = [...new Set(rows.map((r) => r.file))].flatMap((file) =>
      [...source(file).matchAll(/\bconst ([A-Z][A-Z0-9_]*)\s*[:=]/g)]
        .map((m) => m[1]!)
        .filter((name) => name.split('_').includes('MAX') && !listed.has(name))
        .map((name) => `${file}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('a wrong value fails the row check', () => {
    expect(source('schema/src/constants.ts')).not.toMatch(pattern('MAX_EVENTS = 50'));
    expect(source('collector/src/config.ts')).not.toMatch(pattern('maxInFlight: 25'));
  });
});
