import type { SharedStore } from '@heatlens/testkit/shared-stores';
import { SITES } from '@heatlens/testkit/collector';
import type { CollectorOptions } from '../config.js';
import { startCollector, type Collector } from '../server.js';

/**
 * `n` collectors in this process on one shared store, each on port 0, silent, serving the testkit's
 * `SITES` unless `opts` says otherwise; `opts` is spread over those defaults and the store's URLs.
 */
export function startFleet(store: SharedStore, n: 2, opts?: CollectorOptions): Promise<[Collector, Collector]>;
export function startFleet(store: SharedStore, n: number, opts?: CollectorOptions): Promise<Collector[]>;
export function startFleet(store: SharedStore, n: number, opts: CollectorOptions = {}): Promise<Collector[]> {
  const options: CollectorOptions = {
    port: 0,
    logLevel: 'silent',
    sites: SITES,
    redisUrl: store.redisUrl,
    redisCluster: store.redisCluster,
    ...opts,
  };
  return Promise.all(Array.from({ length: n }, () => startCollector(options)));
}
