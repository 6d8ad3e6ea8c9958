import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `pnpm pack` in a package leaves `<scope>-<name>-<version>.tgz` beside its package.json: the
// repository ignores it, so a tried-out tarball is never committed by accident.

const repo = fileURLToPath(new URL('..', import.meta.url));

describe('pnpm pack tarballs', () => {
  for (const dir of ['packages/sdk', 'packages/schema', 'packages/collector']) {
    it(`${dir}: the tarball pnpm pack writes is ignored by git`, () => {
      const { name, version } = JSON.parse(readFileSync(`${repo}${dir}/package.json`, 'utf8')) as {
        name: string;
        version: string;
      };
      // pnpm's file name: the scope's @ dropped, / as -.
      const tarball = `${dir}/${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
      const out = execFileSync('git', ['check-ignore', '--no-index', '-v', tarball], { cwd: repo, encoding: 'utf8' });
      expect(out).toContain('*.tgz');
    });
  }
});
