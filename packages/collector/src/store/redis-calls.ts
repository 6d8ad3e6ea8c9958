import { createHash } from 'node:crypto';
import { createDeadlines } from '../core/deadlines.js';
import { StoreUnavailableError, type RedisLike } from './types.js';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const isNoScript = (e: unknown) => e instanceof Error && e.message.startsWith('NOSCRIPT');

/** How the Redis store calls Redis: each call under a deadline, each script by its SHA. */
export type RedisCalls = {
  /** run `fn` as store operation `op` (its latency observed); past the deadline or on error: StoreUnavailableError */
  call<T>(op: string, fn: () => Promise<T>): Promise<T>;
  /** a Lua script as a function of (keys, args): EVALSHA, EVAL when the server does not know it */
  script(source: string): (keys: string[], args: Array<string | Buffer>) => Promise<unknown>;
  /** how many times a script was sent whole since start */
  reloads(): number;
};

/**
 * Calls of the Redis store on `client`: a deadline of `timeoutMs` per call (node-redis's own
 * timeout stops at the socket: a command written to a stalled server would wait forever), each
 * call's latency in seconds to `observe`, scripts by SHA.
 */
export function createRedisCalls(
  client: RedisLike,
  timeoutMs: number,
  observe: (op: string, seconds: number) => void = () => {},
): RedisCalls {
  // A call past its deadline is abandoned, not cancelled: a write may still land later. That is
  // safe because the edge answers 503 and the SDK retries with the same batch id, which dedupes.
  // The calls' deadlines share one timer (deadlines.ts): no timer and no race per call.
  const deadlines = createDeadlines(timeoutMs);
  function call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    return new Promise<T>((resolve, reject) => {
      const fail = (e: unknown) => {
        observe(op, (performance.now() - t0) / 1000);
        const message = e instanceof Error ? e.message : String(e);
        reject(new StoreUnavailableError(`redis ${op} failed: ${message}`, { cause: e }));
      };
      const d = deadlines.add(() => fail(new Error(`no answer within ${timeoutMs} ms`)));
      const settle = (ok: boolean, v: unknown) => {
        if (!d.live) return; // answered after its deadline: nobody waits for it any more
        deadlines.done(d);
        if (!ok) return fail(v);
        observe(op, (performance.now() - t0) / 1000);
        resolve(v as T);
      };
      let p: Promise<T>;
      try {
        p = fn();
      } catch (e) {
        return settle(false, e);
      }
      p.then(
        (v) => settle(true, v),
        (e: unknown) => settle(false, e),
      );
    });
  }

  // Scripts sent whole since start: commands pipelined behind an EVALSHA that failed ran before it.
  let reloads = 0;
  // EVALSHA, loading the script with EVAL when the server does not know it (first use, restart,
  // failover to a replica without the script cache).
  const script = (source: string) => {
    const sha = sha1(source);
    return async (keys: string[], args: Array<string | Buffer>) => {
      try {
        return await client.evalSha(sha, { keys, arguments: args });
      } catch (e) {
        if (!isNoScript(e)) throw e;
        reloads++;
        return client.eval(source, { keys, arguments: args });
      }
    };
  };
  return { call, script, reloads: () => reloads };
}
