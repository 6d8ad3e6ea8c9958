// What `pnpm start` needs, built with esbuild in about a second and only when a source is newer
// than its output: the schema, the heat renderer and the collector as plain ES modules (the layout `tsc` emits, so
// `pnpm build` and this agree on every path), the SDK's script-tag build and the dashboard.
// Types, the SDK's npm entry points and the extension stay with `pnpm build`.
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => join(root, p);

/** Every file under `dir` (recursively), absolute paths. */
function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** Modification time in ms, or -1 when the file is missing. */
const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return -1;
  }
};

/**
 * Sources of a package's `src/` that ship: TypeScript, no tests, no test support, and not the store
 * contract suites (`store/describe-*.ts` import vitest), as the collector's tsconfig.build.json.
 */
const shipped = (dir) =>
  filesUnder(at(dir)).filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.endsWith('.test.ts') &&
      !f.endsWith('.d.ts') &&
      !/[/\\](test-support|fuzz)[/\\]/.test(f) &&
      !/[/\\]describe-[^/\\]+\.ts$/.test(f),
  );

/**
 * The demo's build steps: each names its inputs (whose newest mtime is compared with its oldest
 * output) and how to build. `pnpm build` writes the same outputs with rollup and tsc.
 */
function steps(esbuild) {
  const self = fileURLToPath(import.meta.url);
  const sdkSources = filesUnder(at('packages/sdk/src')).filter((f) => !f.endsWith('.test.ts'));
  return [
    {
      name: 'schema',
      inputs: () => shipped('packages/schema/src'),
      outputs: (inputs) => inputs.map((f) => f.replace('/src/', '/dist/').replace(/\.ts$/, '.js')),
      build: (inputs) =>
        esbuild.build({
          entryPoints: inputs,
          outbase: at('packages/schema/src'),
          outdir: at('packages/schema/dist'),
          format: 'esm',
          platform: 'neutral',
          target: 'es2022',
          logLevel: 'warning',
        }),
    },
    {
      name: 'heat',
      inputs: () => shipped('packages/heat/src'),
      outputs: (inputs) => inputs.map((f) => f.replace('/src/', '/dist/').replace(/\.ts$/, '.js')),
      build: (inputs) =>
        esbuild.build({
          entryPoints: inputs,
          outbase: at('packages/heat/src'),
          outdir: at('packages/heat/dist'),
          format: 'esm',
          platform: 'neutral',
          target: 'es2022',
          logLevel: 'warning',
        }),
    },
    {
      name: 'collector',
      inputs: () => shipped('packages/collector/src'),
      outputs: (inputs) => inputs.map((f) => f.replace('/src/', '/dist/').replace(/\.ts$/, '.js')),
      build: (inputs) =>
        esbuild.build({
          entryPoints: inputs,
          outbase: at('packages/collector/src'),
          outdir: at('packages/collector/dist'),
          format: 'esm',
          platform: 'node',
          target: 'node20',
          logLevel: 'warning',
        }),
    },
    {
      name: 'sdk script tag',
      inputs: () => [...sdkSources, ...shipped('packages/schema/src')],
      outputs: () => [at('packages/sdk/dist/heatlens.iife.js')],
      // Private `_` properties are mangled, as the rollup build's terser does.
      build: () =>
        esbuild.build({
          entryPoints: [at('packages/sdk/src/iife.ts')],
          outfile: at('packages/sdk/dist/heatlens.iife.js'),
          bundle: true,
          minify: true,
          mangleProps: /^_/,
          format: 'iife',
          target: 'es2020',
          logLevel: 'warning',
        }),
    },
    {
      name: 'dashboard',
      inputs: () => [
        ...filesUnder(at('packages/collector/dashboard/src')),
        ...shipped('packages/schema/src'),
        ...shipped('packages/heat/src'),
      ],
      outputs: () =>
        ['dashboard.js', 'dashboard.css', 'share.js', 'share.css'].map((f) =>
          at(`packages/collector/public/assets/${f}`),
        ),
      // Two entries, as rollup's: the dashboard, and the shared page (share.html) a link's viewer loads alone.
      build: async () => {
        for (const [entry, out] of [
          ['main.ts', 'dashboard.js'],
          ['share-main.ts', 'share.js'],
        ])
          await esbuild.build({
            entryPoints: [at(`packages/collector/dashboard/src/${entry}`)],
            outfile: at(`packages/collector/public/assets/${out}`),
            bundle: true,
            minify: true,
            format: 'esm',
            target: 'es2022',
            logLevel: 'warning',
          });
        const { dashboardStylesheets } = await import('../packages/collector/dashboard/stylesheets.mjs');
        const css = dashboardStylesheets()
          .map((f) => readFileSync(f, 'utf8'))
          .join('\n');
        writeFileSync(at('packages/collector/public/assets/dashboard.css'), css);
        const share = readFileSync(at('packages/collector/dashboard/src/share.css'), 'utf8');
        writeFileSync(at('packages/collector/public/assets/share.css'), share);
      },
    },
  ].map((s) => ({ ...s, inputsWithSelf: () => [...s.inputs(), self] }));
}

/** The deepest folder holding every file of `files`. */
const commonDir = (files) =>
  files.map(dirname).reduce((a, b) => {
    while (a !== dirname(a) && !`${b}/`.startsWith(`${a}/`)) a = dirname(a);
    return a;
  });

/**
 * Build what the demo needs, skipping each step whose outputs are all newer than its inputs.
 * Resolves with the names of the steps that ran. Throws esbuild's error on a syntax error.
 * @param {{log?: (line: string) => void}} [opts] `log` default: none
 */
export async function buildDemo({ log = () => {} } = {}) {
  const ran = [];
  let esbuild;
  for (const step of steps({ build: (o) => esbuild.build(o) })) {
    const inputs = step.inputs();
    const newest = Math.max(...step.inputsWithSelf().map(mtime));
    const outputs = step.outputs(inputs);
    if (Math.min(...outputs.map(mtime)) > newest) continue;
    esbuild ??= await import('esbuild');
    const t = performance.now();
    for (const o of outputs) mkdirSync(dirname(o), { recursive: true });
    await step.build(inputs);
    ran.push(step.name);
    log(`built ${step.name} in ${Math.round(performance.now() - t)} ms (${relative(root, commonDir(outputs))})`);
  }
  return ran;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ran = await buildDemo({ log: console.log });
  if (!ran.length) console.log('demo build: up to date');
}
