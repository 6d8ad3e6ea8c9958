import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETENTION_DROP_MS, startRetentionDrops } from './retention-drops.js';

describe('startRetentionDrops', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('frees every site on start and then once a day, until closed', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const store = { dropUnkept: async (site: string) => (calls.push(site), site === 'a' ? 3 : 0) };
    const infos: unknown[] = [];
    const sites = [{ id: 'a' }, { id: 'b' }] as never;
    const d = startRetentionDrops({
      sites: () => sites,
      store,
      now: () => 0,
      log: { info: (o: unknown) => void infos.push(o), warn: () => {} },
    });
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['a', 'b']);
    expect(infos).toEqual([{ site: 'a', freed: 3 }]);
    await vi.advanceTimersByTimeAsync(RETENTION_DROP_MS - 10);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
    d.close();
    await vi.advanceTimersByTimeAsync(2 * RETENTION_DROP_MS);
    expect(calls).toHaveLength(4);
  });

  it('logs a failed site and goes on with the others', async () => {
    const warned: unknown[] = [];
    const calls: string[] = [];
    const d = startRetentionDrops({
      sites: () => [{ id: 'a' }, { id: 'b' }] as never,
      store: {
        dropUnkept: async (site: string) => {
          calls.push(site);
          if (site === 'a') throw new Error('down');
          return 0;
        },
      },
      now: () => 0,
      log: { info: () => {}, warn: (o: unknown) => void warned.push(o) },
    });
    d.close();
    await d.run();
    expect(calls).toEqual(['a', 'b']);
    expect(warned).toEqual([{ site: 'a', err: 'Error: down' }]);
  });
});
