import { afterAll, beforeAll } from 'vitest';

/**
 * Something the enclosing `describe` starts before its tests and closes after them (a harness, a
 * browser rig). The object returned is filled in by the time a test runs: it is empty while the
 * suite is being collected, so read its fields inside tests and hooks only.
 */
export function useForSuite<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  const shared = {} as T;
  let started: T | undefined;
  beforeAll(async () => {
    started = await start();
    Object.assign(shared, started);
  });
  afterAll(async () => {
    await started?.close();
  });
  return shared;
}
