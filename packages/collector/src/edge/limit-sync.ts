import type { RateLimiterMemory } from 'rate-limiter-flexible';

/** The one Redis call the sync makes; a node-redis client or cluster has it. */
export type CounterClient = {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
};

/**
 * Add this collector's delta to the shared count and return the total; the key lives one window
 * from its first increment (like a fixed window of rate-limiter-flexible's Redis limiter).
 */
const ADD = `local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if n == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return n`;

/** Keys synced per round at most: a flood of distinct addresses cannot make a round unbounded. */
const MAX_KEYS_PER_ROUND = 5000;

type Entry = {
  limiter: RateLimiterMemory;
  prefix: string;
  redisKey: string;
  key: string;
  windowMs: number;
  points: number;
  delta: number;
  until: number;
};

/** Counts kept in this process and shared between collectors in the background. */
export type LimitSync = {
  /** Note one point consumed locally on `limiter` (limit `points` per `windowMs`) for `key` (synchronous, no I/O). */
  add(limiter: RateLimiterMemory, prefix: string, key: string, windowMs: number, points: number): void;
  /** Send every pending delta now and fold the other collectors' counts in (tests; the timer does it otherwise). */
  flush(): Promise<void>;
  close(): void;
};

/**
 * Share in-process counts between collectors without a round trip on any request: every
 * `everyMs` each key's local delta goes to Redis in one INCRBY, and the total that comes back,
 * minus what this collector counted itself, is added to the local count as a penalty. A slow or
 * stopped Redis node only delays that exchange (each collector keeps limiting on what it saw);
 * a failed exchange is dropped, never retried on a request's path. A key this collector has
 * already counted to half its limit keeps being exchanged (with a delta of 0) until its window
 * ends, so it learns when the others take it over the limit even if it has no new request.
 */
export function createLimitSync(options: {
  client?: CounterClient;
  everyMs: number;
  timeoutMs: number;
  onError: (e: unknown) => void;
}): LimitSync {
  const { client, everyMs, timeoutMs, onError } = options;
  // prefix -> key -> entry: a request's key is looked up without building its Redis key.
  const entries = new Map<string, Map<string, Entry>>();
  let size = 0;
  let running: Promise<void> | undefined;

  async function exchange(p: Entry) {
    let timer: NodeJS.Timeout | undefined;
    try {
      // A command written to a stalled node never answers; the round must end anyway. (The
      // timer exists only once the command is sent: a client that throws at once leaves none.)
      const reply = client!.eval(ADD, { keys: [p.redisKey], arguments: [String(p.delta), String(p.windowMs)] });
      const late = new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`limit sync: no answer within ${timeoutMs} ms`)), timeoutMs)),
      );
      const total = Number(await Promise.race([reply, late]));
      const local = (await p.limiter.get(p.key))?.consumedPoints ?? 0;
      if (total > local) await p.limiter.penalty(p.key, total - local);
    } finally {
      clearTimeout(timer);
    }
  }

  async function round() {
    const now = Date.now();
    const batch: Entry[] = [];
    for (const e of all()) {
      if (batch.length >= MAX_KEYS_PER_ROUND) break;
      if (e.until <= now) {
        entries.get(e.prefix)?.delete(e.key);
        size--;
      } else if (e.delta > 0 || ((await e.limiter.get(e.key))?.consumedPoints ?? 0) * 2 >= e.points)
        batch.push({ ...e });
      e.delta = 0;
    }
    const results = await Promise.allSettled(batch.map(exchange));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) onError(failed.reason);
  }

  function* all() {
    for (const keys of entries.values()) yield* keys.values();
  }

  function flush(): Promise<void> {
    if (!client) return Promise.resolve();
    // One round at a time: with a stalled node, rounds wait for its commands' deadline instead of piling up.
    running ??= round().finally(() => (running = undefined));
    return running;
  }

  const timer = client ? setInterval(() => void flush(), everyMs) : undefined;
  timer?.unref();

  return {
    add(limiter, prefix, key, windowMs, points) {
      if (!client) return;
      let keys = entries.get(prefix);
      if (!keys) entries.set(prefix, (keys = new Map()));
      const e = keys.get(key);
      if (e) e.delta++;
      else if (size < MAX_KEYS_PER_ROUND * 4) {
        const redisKey = `${prefix}:${key}`;
        keys.set(key, { limiter, prefix, redisKey, key, windowMs, points, delta: 1, until: Date.now() + windowMs });
        size++;
      }
    },
    flush,
    close: () => clearInterval(timer),
  };
}
