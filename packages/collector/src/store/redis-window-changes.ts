import { pagePrefix } from './redis-keys.js';
import { HEAT_SETS, segKey } from '../core/set-names.js';
import { levelsIn } from './redis-args.js';
import { ADVANCE_BUDGET, MAX_FAMILY_MEMBERS, MAX_WINDOW_CHANGES } from '../core/limits.js';
import type { HeatmapQuery, WindowChanges } from './types.js';

// The Redis store's `windowChanges` (lua/window-changes.ts): one script call that advances the
// page and reads what moved in one window since the cursor.

/** A cursor names its window, set and segment, so one given for another feed asks for a full read. */
const CURSOR_HEAD = 'r1';

/**
 * The cursor's fields: the call's now, the live level's sealed edge, the resync mark, the write
 * sequence, the watch's generation, each level's edge.
 */
function parseCursor(since: string | undefined, head: string, levels: number): string[] | undefined {
  if (!since) return undefined;
  const parts = since.split('|');
  if (parts.length !== 3 + 5 + levels || parts.slice(0, 3).join('|') !== head) return undefined;
  const fields = parts.slice(3);
  // Counters and instants, and the watch's generation (an opaque token).
  if (!fields.every((f) => /^[\w.-]{1,40}$/.test(f))) return undefined;
  return fields;
}

/**
 * The delta step of a Redis store's `windowChanges`: `run` calls the window-changes script on the
 * page's keys. Bad or foreign cursors read as none (`full`, no members: the caller reads the
 * window whole after this call), never as an error.
 */
export async function redisWindowChanges(
  run: (keys: string[], args: string[]) => Promise<unknown>,
  q: HeatmapQuery,
  since: string | undefined,
  /** the site's levels as the scripts read them (redis-args.ts `siteLevelArgs`) */
  levelArgs: readonly string[],
): Promise<Pick<WindowChanges, 'full' | 'cursor' | 'members'>> {
  const levels = levelsIn(q.window);
  const set = HEAT_SETS[q.kind];
  const seg = segKey(q.seg);
  const head = `${CURSOR_HEAD}|${q.window}|${set}:${seg}`;
  const cursor = parseCursor(since, head, levels);
  const args = [
    String(q.now),
    String(ADVANCE_BUDGET),
    String(MAX_FAMILY_MEMBERS),
    ...levelArgs,
    set,
    seg,
    String(levels),
    String(MAX_WINDOW_CHANGES),
    cursor ? '1' : '0',
    ...(cursor ?? []),
  ];
  const [full, next, flat] = (await run([pagePrefix(q.site, q.page)], args)) as [number, string[], unknown[]];
  const members: Array<[string, number]> = [];
  for (let i = 0; i < flat.length; i += 2) members.push([String(flat[i]), Number(flat[i + 1])]);
  return { full: full === 1, cursor: [head, ...next].join('|'), members };
}
