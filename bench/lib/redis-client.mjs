// A throwaway redis-server with a client connected to it, for the benchmarks that measure what
// the store keeps in Redis (bench/capacity.mjs, bench/capacity-check.mjs).
import { redis } from './deps.mjs';
import { startRedisServer } from './procs.mjs';

/** `used_memory` of the server `client` talks to, in bytes. */
export async function usedMemory(client) {
  return Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]);
}

/** A fresh redis-server (pinned as procs.mjs pins it) and a connected client; `close()` ends both. */
export async function startRedisClient() {
  const server = await startRedisServer();
  const client = await redis
    .createClient({ url: server.url })
    .on('error', () => {})
    .connect();
  return {
    server,
    client,
    close: async () => {
      await client.close().catch(() => {});
      await server.stop();
    },
  };
}
