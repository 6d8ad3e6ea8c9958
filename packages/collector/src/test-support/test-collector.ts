import type { SharedStore } from '@heatlens/testkit/shared-stores';
import { SITES } from '@heatlens/testkit/collector';
import type { CollectorOptions } from '../config.js';
import { startCollector, type Collector } from '../server.js';

/**
 * A collector in this process for a suite: on port 0, silent, serving the testkit's `SITES`, with
 * `opts` spread over those defaults.
 */
export function startTestCollector(opts: CollectorOptions = {}): Promise<Collector> {
  return startCollector({ port: 0, logLevel: 'silent', sites: SITES, ...opts });
}

/** `n` test collectors (`startTestCollector`) on one shared store, with `opts`. */
export function startFleet(store: SharedStore, n: 2, opts?: CollectorOptions): Promise<[Collector, Collector]>;
export function startFleet(store: SharedStore, n: number, opts?: CollectorOptions): Promise<Collector[]>;
export function startFleet(store: SharedStore, n: number, opts: CollectorOptions = {}): Promise<Collector[]> {
  const options = { redisUrl: store.redisUrl, redisCluster: store.redisCluster, ...opts };
  return Promise.all(Array.from({ length: n }, () => startTestCollector(options)));
}
