// Builds the live dashboard into ../public/assets/: one ES module (dashboard.js, uPlot and @heatlens/heat bundled in)
// and one stylesheet (uPlot's CSS + ours). Part of the collector's `pnpm build`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dashboardStylesheets } from './stylesheets.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

/** Concatenate stylesheets into one emitted asset: two files do not warrant a CSS toolchain. */
function css(fileName, files) {
  return {
    name: 'dashboard-css',
    generateBundle() {
      const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

export default {
  // The shared page (share.html) is its own entry: a link's viewer loads none of the dashboard.
  input: { dashboard: here('./src/main.ts'), share: here('./src/share-main.ts') },
  output: {
    dir: here('../public/assets'),
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'shared-[hash].js',
  },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    typescript({ tsconfig: here('./tsconfig.json'), compilerOptions: { noEmit: false }, noEmitOnError: true }),
    terser(),
    css('dashboard.css', dashboardStylesheets()),
    css('share.css', [here('./src/share.css')]),
  ],
};
