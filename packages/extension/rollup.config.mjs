import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

// One config, one named input per extension context. Each is its own IIFE: the content script is
// injected with `scripting.executeScript` (a classic script), and Firefox's MV3 background is an
// event page; self-contained bundles need no module support anywhere.
const inputs = {
  background: 'src/background.ts',
  content: 'src/content/index.ts',
  capture: 'src/content/capture/index.ts',
  popup: 'src/popup/popup.ts',
  options: 'src/options/options.ts',
  'owner-mark': 'src/owner-mark.ts',
};

export default Object.entries(inputs).map(([name, input]) => ({
  input: { [name]: input },
  output: { dir: 'dist/build', format: 'iife', entryFileNames: '[name].js', sourcemap: false },
  plugins: [
    nodeResolve({ browser: true }),
    // webextension-polyfill ships as UMD.
    commonjs(),
    typescript({
      tsconfig: './tsconfig.build.json',
      noEmit: false,
      outDir: 'dist/build',
      declaration: false,
      sourceMap: false,
    }),
    terser({ format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.ids?.[0] ?? '')) return;
    warn(warning);
  },
}));
