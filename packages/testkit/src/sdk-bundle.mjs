// Where the built SDK lives, named once for every suite, rig and benchmark that serves it to a page.
// Plain JS so `node bench/<file>.mjs` imports it; types in sdk-bundle.d.mts. Built by `pnpm build`.
import { fileURLToPath } from 'node:url';

/** The SDK's npm build folder (ES modules: `index.js`, ...), absolute. */
export const SDK_DIST = fileURLToPath(new URL('../../sdk/dist/', import.meta.url));

/** The script-tag build (`heatlens.iife.js`), the file a site's `<script src>` loads; absolute. */
export const SDK_BUNDLE = fileURLToPath(new URL('../../sdk/dist/heatlens.iife.js', import.meta.url));
