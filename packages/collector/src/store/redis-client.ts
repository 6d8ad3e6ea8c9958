import { createClient, createCluster } from 'redis';
import type { Logger } from 'pino';
import { READY_KEY } from './redis-keys.js';
import type { RedisLike } from './types.js';

/** A connected Redis client or cluster, its readiness probe (`ping`: a small write, READY_KEY), and how to close it. */
export type RedisConnection = { client: RedisLike; ping: () => Promise<unknown>; close: () => Promise<void> };

/** Commands one connection may have queued or awaiting a reply; past it calls fail at once (503). */
const COMMAND_QUEUE_MAX = 5000;
/** node-redis command options without its per-command timeout (see connectRedis). */
const NO_COMMAND_TIMEOUT = { timeout: 0 };

/**
 * Open the Redis connection the store will use. Fail fast: no offline queue (a command while
 * disconnected rejects at once, and the edge answers 503) and a bounded queue; a stalled server
 * turns into 503s through the deadline each store call carries (store/redis.ts) and the one
 * around each write (http/collect.ts); rate limits never wait on it (edge/limit-sync.ts). Reconnect
 * with capped backoff forever, so service resumes by itself when Redis returns.
 */
export async function connectRedis(options: {
  url?: string;
  cluster?: string[];
  commandTimeoutMs: number;
  log: Logger;
}): Promise<RedisConnection> {
  const { log } = options;
  const clientOptions = {
    disableOfflineQueue: true,
    // Commands written to a stalled server wait for their reply in the client's queue (the store's
    // deadline abandons them, it cannot recall them): a cap keeps memory bounded meanwhile.
    commandsQueueMaxLength: COMMAND_QUEUE_MAX,
    // No client-side command timeout: node-redis arms an AbortSignal.timeout per command that is
    // never cleared (~11 us each, 16 % of the collector's CPU under load), and the store's
    // deadlines already cover a stalled server. node-redis 5+ has a default of 5 s unless told
    // otherwise (`timeout: 0` arms none): leaving the option out is not enough.
    commandOptions: NO_COMMAND_TIMEOUT,
    socket: {
      connectTimeout: 2000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  };
  let lastError = '';
  const onError = (err: Error) => {
    // One line per distinct failure, not one per reconnect attempt.
    if (err.message !== lastError) log.warn({ err: err.message }, 'redis error');
    lastError = err.message;
  };
  if (options.cluster?.length) {
    const cluster = createCluster({
      rootNodes: options.cluster.map((seed) => ({ url: `redis://${seed}` })),
      defaults: clientOptions,
      // The cluster passes its own command options to the node clients' commands.
      commandOptions: NO_COMMAND_TIMEOUT,
    }).on('error', onError);
    // Like one Redis, start even when no seed answers yet: discovery is retried in the background
    // (node-redis does not retry a failed first discovery itself); meanwhile writes answer 503.
    let closed = false;
    const connecting = (async () => {
      for (let retries = 0; !closed; retries++) {
        try {
          await cluster.connect();
          if (closed) await cluster.close();
          else if (retries) log.info('redis cluster connected');
          return;
        } catch (e) {
          onError(e as Error);
          await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** retries, 2000)).unref());
        }
      }
    })();
    await Promise.race([connecting, new Promise((r) => setTimeout(r, 3000).unref())]);
    const open = () => {
      if (!cluster.isOpen) throw new Error('redis cluster: not connected yet');
      return cluster;
    };
    const client = new Proxy(cluster, {
      // Every store command goes through here: refuse at once while discovery has not succeeded.
      get: (target, prop) => {
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function'
          ? (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(open(), args)
          : value;
      },
    });
    return {
      client: client as unknown as RedisLike,
      // Readiness is a write (the node of READY_KEY's slot): PING is answered by a node out of memory.
      ping: async () => open().sendCommand(READY_KEY, false, ['SET', READY_KEY, '1', 'PX', '10000']),
      close: async () => {
        closed = true;
        if (cluster.isOpen) await cluster.close();
      },
    };
  }
  const client = createClient({ url: options.url, ...clientOptions }).on('error', onError);
  client.on('ready', () => {
    if (lastError) log.info('redis connected');
    lastError = '';
  });
  // Start even when Redis is down: /readyz reports it, writes answer 503, and the client keeps
  // reconnecting in the background.
  await Promise.race([client.connect().catch(() => {}), new Promise((r) => setTimeout(r, 3000).unref())]);
  return {
    client: client as unknown as RedisLike,
    ping: () => client.set(READY_KEY, '1', { PX: 10_000 }),
    close: async () => {
      if (client.isOpen) await client.close().catch(() => client.destroy());
      else client.destroy();
    },
  };
}
