import type { ChildProcess, SpawnOptions } from 'node:child_process';

/** A redis-server started by launchRedis. */
export type LaunchedRedis = {
  url: string;
  port: number;
  pid: number | undefined;
  /** its temporary working directory, removed by stop() */
  dir: string;
  process: ChildProcess;
  /** Kill it (SIGKILL) and remove its directory. */
  stop(): Promise<void>;
};

/** Start redis-server on a free loopback port without persistence; see redis-launcher.mjs. */
export function launchRedis(options?: {
  args?: string[];
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
}): Promise<LaunchedRedis>;
