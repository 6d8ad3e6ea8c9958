import { execFile, execFileSync } from 'node:child_process';
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
  if (process.env.HEATLENS_REQUIRE_REDIS === '1') throw new Error('HEATLENS_REQUIRE_REDIS=1 but redis-server or redis-cli is not on PATH');
  return false;
}

/** A throwaway Redis Cluster on loopback for tests. */
export type TestRedisCluster = {
  /** `host:port` seeds, as REDIS_CLUSTER takes them */
  seeds: string[];
  nodes: TestRedis[];
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
  try {
    for (let i = 0; i < primaries; i++) {
      // The node config file lives in the node's own temp dir (startRedis sets --dir).
      nodes.push(await startRedis(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000', ...extraArgs]));
    }
    const seeds = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run('redis-cli', ['--cluster', 'create', ...seeds, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    await waitClusterOk(nodes);
    return {
      seeds,
      nodes,
      stop: async () => {
        await Promise.all(nodes.map((n) => n.stop()));
      },
    };
  } catch (e) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw e;
  }
}

/** Poll CLUSTER INFO on every node until all agree the cluster is up (slots assigned, gossip done). */
async function waitClusterOk(nodes: TestRedis[], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const infos = await Promise.all(
      nodes.map((n) => run('redis-cli', ['-p', String(n.port), 'cluster', 'info']).then((r) => r.stdout, () => '')),
    );
    const ok = infos.every((i) => i.includes('cluster_state:ok') && /cluster_known_nodes:(\d+)/.exec(i)?.[1] === String(nodes.length));
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis cluster did not become ready:\n${infos.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
