import { afterAll, beforeAll } from 'vitest';
import { SHARED_STORES, type SharedStore, type SharedStoreKind } from '@heatlens/testkit/shared-stores';
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
  return Promise.all(Array.from({ length: n }, () => startOnStore(store, opts)));
}

/** The stores a suite runs on: memory (each collector its own) and the testkit's shared stores. */
export const STORE_KINDS = [{ name: 'memory', available: () => true, start: undefined }, ...SHARED_STORES];

/** A test collector (`startTestCollector`) on a shared store, or on memory when there is none. */
export function startOnStore(store: SharedStore | undefined, opts: CollectorOptions = {}): Promise<Collector> {
  return startTestCollector({ redisUrl: store?.redisUrl, redisCluster: store?.redisCluster, ...opts });
}

/**
 * For the current `describe`: a fresh store of `kind` and `n` test collectors on it (`startFleet`),
 * started in `beforeAll` (the array fills then), closed with the store in `afterAll`.
 */
export function fleetOn(kind: SharedStoreKind, n: number, opts: CollectorOptions = {}): Collector[] {
  const fleet: Collector[] = [];
  let store: SharedStore | undefined;
  beforeAll(async () => {
    store = await kind.start();
    fleet.push(...(await startFleet(store, n, opts)));
  });
  afterAll(async () => {
    await Promise.all(fleet.map((c) => c.close()));
    await store?.stop();
  });
  return fleet;
}
