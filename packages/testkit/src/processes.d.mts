import type { ChildProcess, SpawnOptions } from 'node:child_process';

/** A child process with its stdout and stderr gathered. */
export type Gathering = { child: ChildProcess; output(): string };
/** A free TCP port on loopback. */
export function freePort(): Promise<number>;
/** Two free ports and the environment `pnpm start` runs on with them (in memory, the demo site), `over` last. */
export function startEnv(
  over?: Record<string, string>,
): Promise<{ port: number; shopPort: number; env: NodeJS.ProcessEnv }>;
/** `spawn` with stdout and stderr piped and gathered. */
export function spawnGathering(command: string, args: readonly string[], options?: SpawnOptions): Gathering;
/** Resolve once the output matches `pattern`; reject when the process exits first or after `timeoutMs` (20 s). */
export function waitForOutput(proc: Gathering, pattern: RegExp, what: string, timeoutMs?: number): Promise<void>;
