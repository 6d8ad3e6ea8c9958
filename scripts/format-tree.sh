#!/usr/bin/env bash
# The tree's one-time format pass. Prettier lays out every file it covers (.prettierrc.json, .prettierignore),
# then this turns on prettier's check and the line-length rule in scripts/lint.mjs and lists the lines still
# past 120 characters: prettier wraps code but never a comment, a string or a template literal, so those are
# shortened by hand before the pass is committed. From then on `pnpm lint` (one check of `pnpm test`) keeps
# the tree so. Run at the root of a clean work tree after `pnpm install`; the pass is one commit of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "$(git status --porcelain)" ]; then
  echo "format-tree: the work tree has changes; commit or stash them so the pass is a commit of its own" >&2
  exit 1
fi
mkdir -p .artifacts

start=$(date +%s)
node node_modules/prettier/bin/prettier.cjs --write --log-level warn .
echo "format-tree: prettier rewrote $(git diff --name-only | wc -l) files ($(git diff --shortstat | sed 's/^ *//'))" \
  "in $(($(date +%s) - start)) s"

sed -i 's/^const formatChecks = false;$/const formatChecks = true;/' scripts/lint.mjs
grep -q '^const formatChecks = true;$' scripts/lint.mjs || {
  echo "format-tree: could not turn on formatChecks in scripts/lint.mjs" >&2
  exit 1
}

# The lines prettier left long, found by the same max-len rule lint enforces (URLs are exempt there).
start=$(date +%s)
node node_modules/eslint/bin/eslint.js --format json --output-file .artifacts/eslint.json . || true
echo "format-tree: eslint over the tree took $(($(date +%s) - start)) s"
node --input-type=module - <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const report = JSON.parse(readFileSync('.artifacts/eslint.json', 'utf8'));
const long = [];
const other = [];
for (const file of report) {
  const path = relative(process.cwd(), file.filePath);
  for (const m of file.messages) (m.ruleId === '@stylistic/max-len' ? long : other).push(`${path}:${m.line}: ${m.message}`);
}
writeFileSync('.artifacts/long-lines.txt', long.join('\n') + (long.length ? '\n' : ''));
const files = new Set(long.map((l) => l.slice(0, l.indexOf(':'))));
console.log(`format-tree: ${long.length} lines in ${files.size} files still run past 120 characters` +
  (long.length ? ': listed in .artifacts/long-lines.txt; shorten them by hand' : ''));
if (other.length) console.log(`format-tree: ${other.length} other lint findings:\n${other.join('\n')}`);
EOF
echo "format-tree: then \`pnpm lint\` must be clean; commit, and add the commit to .git-blame-ignore-revs"
