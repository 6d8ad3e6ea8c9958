/**
 * Build what `pnpm start` needs (schema, collector, the SDK's script tag, the dashboard) with
 * esbuild, skipping each step whose outputs are newer than its inputs. Resolves with the names of
 * the steps that ran.
 */
export function buildDemo(opts?: { log?: (line: string) => void }): Promise<string[]>;
