#!/usr/bin/env node
// The packed SDK must stand alone: its JavaScript already bundles the few bytes of schema it runs,
// and this step makes its declarations do the same. Every type that dist/types/**/*.d.ts takes from
// `@heatlens/schema` (e.g. `ClickEvent`, which the schema derives from its TypeBox validators) is
// written out as a plain type in dist/types/schema.d.ts, and the imports are pointed there: a site
// owner installs one package, with no @heatlens/schema and no TypeBox. Runs after `tsc` in `build`.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const typesDir = join(pkg, 'dist/types');
const OUT = 'schema.d.ts';
const SPEC = /(['"])(@heatlens\/schema(?:\/[a-z-]+)?)\1/;

/** Every .d.ts under `dir`. */
const dts = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dts(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );

/** Names each schema specifier provides to the SDK's declarations: `import type {A, B} from` and `import('…').A`. */
function wanted(files) {
  const names = new Map();
  const add = (spec, name) => {
    if (!names.has(spec)) names.set(spec, new Set());
    names.get(spec).add(name);
  };
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+['"](@heatlens\/schema[^'"]*)['"]/g)) {
      for (const part of m[1].split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0];
        if (name) add(m[2], name);
      }
    }
    for (const m of text.matchAll(/import\(['"](@heatlens\/schema[^'"]*)['"]\)\.(\w+)/g)) add(m[1], m[2]);
    if (/export\s+\*\s+from\s+['"]@heatlens\/schema/.test(text))
      throw new Error(`${f}: re-exports all of @heatlens/schema; name the types instead`);
  }
  return names;
}

/** Plain declarations of the wanted types (and of schema types they name), resolved by the type checker. */
function expand(names) {
  const probe = join(pkg, 'src', '__schema-types.ts');
  writeFileSync(
    probe,
    [...names]
      .map(
        ([spec, set]) =>
          `import type { ${[...set].join(', ')} } from '${spec}';\nexport type { ${[...set].join(', ')} };`,
      )
      .join('\n'),
  );
  try {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(pkg, 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    const program = ts.createProgram([probe], config.options);
    const source = program.getSourceFile(probe);
    const errors = ts.getPreEmitDiagnostics(program, source);
    if (errors.length)
      throw new Error(
        ts.formatDiagnostics(errors, {
          getCanonicalFileName: (f) => f,
          getCurrentDirectory: () => pkg,
          getNewLine: () => '\n',
        }),
      );
    const checker = program.getTypeChecker();
    // Every type the schema's modules export, by name: what a printed type may refer to.
    const schema = new Map();
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st)) continue;
      for (const s of checker.getExportsOfModule(checker.getSymbolAtLocation(st.moduleSpecifier)))
        schema.set(s.name, s);
    }
    const flags =
      ts.TypeFormatFlags.NoTruncation |
      ts.TypeFormatFlags.InTypeAlias |
      ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
    const out = new Map();
    const queue = [...names.values()].flatMap((set) => [...set]);
    for (let name; (name = queue.shift());) {
      if (out.has(name)) continue;
      let sym = schema.get(name);
      if (!sym) throw new Error(`@heatlens/schema exports no type ${name}`);
      if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      // An interface is copied as declared (with its comments); a type alias (the TypeBox-derived
      // events among them) is written out as the checker resolves it.
      const iface = sym.declarations?.find((d) => ts.isInterfaceDeclaration(d));
      const text = iface
        ? iface
            .getFullText()
            .trim()
            .replace(/^((?:\/\*\*[\s\S]*?\*\/\s*)?)(?:export\s+)?(?:declare\s+)?interface/, '$1export interface')
        : `/** As declared by @heatlens/schema (the wire format), written out so this package stands alone. */\n` +
          `export type ${name} = ` +
          `${checker.typeToString(checker.getDeclaredTypeOfSymbol(sym), undefined, flags)};`;
      out.set(name, text);
      // A schema alias the printer kept by name (`events: Event[]`) is declared here too.
      for (const m of text.matchAll(/\b([A-Z]\w*)\b/g)) if (schema.has(m[1]) && !out.has(m[1])) queue.push(m[1]);
    }
    return out;
  } finally {
    rmSync(probe, { force: true });
  }
}

const files = dts(typesDir).filter((f) => !f.endsWith(`/${OUT}`));
const names = wanted(files);
if (names.size) {
  const types = expand(names);
  const body = [...types.values()].join('\n');
  writeFileSync(
    join(typesDir, OUT),
    `// Generated by scripts/bundle-types.mjs from @heatlens/schema: do not edit.\n${body}\n`,
  );
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (!SPEC.test(text)) continue;
    let rel = relative(dirname(f), join(typesDir, 'schema.js')).replaceAll('\\', '/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    writeFileSync(f, text.replace(new RegExp(SPEC.source, 'g'), `$1${rel}$1`));
  }
}
