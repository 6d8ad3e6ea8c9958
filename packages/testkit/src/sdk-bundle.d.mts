/** The SDK's npm build folder (ES modules: `index.js`, ...), absolute. */
export declare const SDK_DIST: string;
/** The script-tag build (`heatlens.iife.js`), the file a site's `<script src>` loads; absolute. */
export declare const SDK_BUNDLE: string;
