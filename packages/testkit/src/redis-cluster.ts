import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hasRedisServer, startRedis, type TestRedis } from './redis-server.js';

const run = promisify(execFile);

/**
 * Whether cluster suites run: they need `redis-server` and `redis-cli` here (REDIS_URL cannot
 * stand in for a cluster). With HEATLENS_REQUIRE_REDIS=1 a missing binary is an error, never a skip.
 */
export function redisClusterAvailable(): boolean {
  let cli = true;
  try {
    execFileSync('which', ['redis-cli'], { stdio: 'ignore' });
  } catch {
    cli = false;
  }
  if (cli && hasRedisServer()) return true;
  if (process.env.HEATLENS_REQUIRE_REDIS === '1')
    throw new Error('HEATLENS_REQUIRE_REDIS=1 but redis-server or redis-cli is not on PATH');
  return false;
}

/** A throwaway Redis Cluster on loopback for tests. */
export type TestRedisCluster = {
  /** `host:port` seeds, as REDIS_CLUSTER takes them */
  seeds: string[];
  nodes: TestRedis[];
  /** SIGKILL node `i` (its data dir and cluster config stay for `restart`). */
  kill(i: number): Promise<void>;
  /** Start node `i` again on its port and data dir; resolves when the cluster is ok again (unless `wait` is false). */
  restart(i: number, wait?: boolean): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Start a Redis Cluster of `primaries` nodes (default 3, the smallest `redis-cli --cluster
 * create` accepts) with no replicas: one `redis-server --cluster-enabled yes` per node on a free
 * port and temp dir, joined by `redis-cli --cluster create --cluster-yes`. Resolves once every
 * node reports `cluster_state:ok` (about 3 s with Debian's Redis 7).
 */
export async function startRedisCluster(primaries = 3, extraArgs: string[] = []): Promise<TestRedisCluster> {
  const nodes: TestRedis[] = [];
  // A data dir per node, kept across kill/restart: it holds nodes.conf (the node's identity and
  // slots) and, when extraArgs turn it on, the AOF.
  const dirs = Array.from({ length: primaries }, () => mkdtempSync(join(tmpdir(), 'heatlens-cluster-')));
  const args = (i: number) => [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-node-timeout',
    '2000',
    ...extraArgs,
    '--dir',
    dirs[i]!,
  ];
  const removeDirs = () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  try {
    for (let i = 0; i < primaries; i++) nodes.push(await startRedis(args(i)));
    const seeds = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run('redis-cli', ['--cluster', 'create', ...seeds, '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 30_000,
    });
    await waitClusterOk(nodes);
    return {
      seeds,
      nodes,
      async kill(i) {
        const node = nodes[i]!;
        if (node.process && node.process.exitCode === null && node.process.signalCode === null) {
          const exited = new Promise((r) => node.process!.once('exit', r));
          node.process.kill('SIGKILL');
          await exited;
        }
        await node.stop();
      },
      async restart(i, wait = true) {
        // startRedis picks a fresh port first; the later --port wins, so the node keeps its own.
        const port = nodes[i]!.port;
        nodes[i] = {
          ...(await startRedis(['--port', String(port), ...args(i)])),
          port,
          url: `redis://127.0.0.1:${port}`,
        };
        if (wait) await waitClusterOk(nodes);
      },
      stop: async () => {
        await Promise.all(nodes.map((n) => n.stop()));
        removeDirs();
      },
    };
  } catch (e) {
    await Promise.all(nodes.map((n) => n.stop()));
    removeDirs();
    throw e;
  }
}

/** Poll CLUSTER INFO on every node until all agree the cluster is up (slots assigned, gossip done). */
async function waitClusterOk(nodes: TestRedis[], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = await Promise.all(
      nodes.map((n) =>
        run('redis-cli', ['-p', String(n.port), 'cluster', 'info']).then(
          (r) => r.stdout,
          () => '',
        ),
      ),
    );
    const ok = infos.every(
      (i) => i.includes('cluster_state:ok') && /cluster_known_nodes:(\d+)/.exec(i)?.[1] === String(nodes.length),
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis cluster did not become ready:\n${infos.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
