/** SHA-256 (hex) over the dashboard's sources under `dir` (default: `src/`), as stamped into the bundle. */
export declare function sourcesHash(dir?: string): string;
