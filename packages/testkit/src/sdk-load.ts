import { GRID, ROW_PX } from '@heatlens/schema';

/** What an SDK-style load run did. */
export type LoadResult = {
  /** batches that got a 204 (each counts once, however many attempts it took) */
  acked: number;
  /** requests sent, retries included */
  attempts: number;
  /** answers by HTTP status, plus `network` for failed connections */
  statuses: Record<string, number>;
  /** 5xx answers other than 503, which an accepted request must never get */
  unexpected: number;
  /** what the store must hold once every batch is acked: `path` -> `tx:ty` -> count */
  expected: Map<string, Map<string, number>>;
};

export type LoadOptions = {
  /** collector base URL, or one per collector (batches spread round-robin, retries move on) */
  url: string | string[];
  /** site id; default `shop` */
  site?: string;
  /** Origin header; default `https://shop.example` */
  origin?: string;
  /** batches to send; each is retried until acknowledged */
  batches: number;
  /** batches in flight at once; default 16 */
  concurrency?: number;
  /** move events per batch; default 5 */
  eventsPerBatch?: number;
  /** distinct pages; default 4 (paths `/load/0` ...) */
  pages?: number;
  /** delay before a retry in ms (the SDK backs off for longer; tests need no real Retry-After); default 50 */
  retryMs?: number;
  /** give up on a batch after this many attempts; default 200 */
  maxAttempts?: number;
  /** called after each answer, e.g. to inject a fault once some batches are acked */
  onAnswer?: (r: { acked: number; status: number | 'network' }) => void;
  /** a unique prefix for batch ids and sessions; default random */
  runId?: string;
};

/**
 * Send batches the way the SDK does: text/plain with an Origin, each with a random id, and on a
 * 5xx, a network error or a lost answer, the *same* body again until a 204 (so a batch that was
 * written but not acknowledged is retried and must be deduplicated). Records what the store must
 * then hold, tile by tile, for `checkCounts`.
 */
export async function runSdkLoad(o: LoadOptions): Promise<LoadResult> {
  const urls = Array.isArray(o.url) ? o.url : [o.url];
  const {
    site = 'shop',
    origin = 'https://shop.example',
    concurrency = 16,
    eventsPerBatch = 5,
    pages = 4,
    retryMs = 50,
    maxAttempts = 200,
  } = o;
  const runId = o.runId ?? Math.random().toString(36).slice(2, 10);
  const result: LoadResult = { acked: 0, attempts: 0, statuses: {}, unexpected: 0, expected: new Map() };
  let next = 0;

  async function sendOne(i: number) {
    const path = `/load/${i % pages}`;
    const now = Date.now();
    const events = Array.from({ length: eventsPerBatch }, (_, k) => {
      const n = i * eventsPerBatch + k;
      // Spread over GRID columns and rows of ROW_PX, so a lost or doubled batch shows up in its own tiles.
      return {
        type: 'move',
        ts: now,
        x: (n * 7) % GRID,
        y: (Math.floor(n / GRID) % GRID) * ROW_PX,
        w: GRID,
        h: GRID * ROW_PX,
      };
    });
    const body = JSON.stringify({
      v: 1,
      id: `${runId}-${i}`,
      site,
      sid: `${runId}-s${i % 50}`,
      path,
      vw: 1280,
      sent: now,
      events,
    });
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const url = urls[(i + attempt) % urls.length]!;
      result.attempts++;
      let status: number | 'network';
      try {
        const res = await fetch(`${url}/collect`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', origin },
          body,
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'network';
      }
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (typeof status === 'number' && status >= 500 && status !== 503) result.unexpected++;
      if (status === 204) {
        result.acked++;
        const tiles = result.expected.get(path) ?? new Map<string, number>();
        result.expected.set(path, tiles);
        for (const e of events) {
          const k = `${e.x}:${e.y / ROW_PX}`;
          tiles.set(k, (tiles.get(k) ?? 0) + 1);
        }
        o.onAnswer?.({ acked: result.acked, status });
        return;
      }
      o.onAnswer?.({ acked: result.acked, status });
      if (status !== 'network' && status < 500) throw new Error(`batch ${i} refused with ${status}`);
      await new Promise((r) => setTimeout(r, retryMs));
    }
    throw new Error(`batch ${i} not acknowledged after ${maxAttempts} attempts`);
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < o.batches) await sendOne(next++);
    }),
  );
  return result;
}

/**
 * Compare what a load run expects with what the collector counts, tile by tile (`/api/heatmap`,
 * move, 1 h window), page by page and in the site's events series (`/api/pages`, 5 min: the run
 * must fit in it). Returns one line per difference: empty means every acknowledged event is
 * counted exactly once.
 */
export async function checkCounts(
  url: string,
  token: string,
  expected: LoadResult['expected'],
  site = 'shop',
): Promise<string[]> {
  const diffs: string[] = [];
  for (const [path, tiles] of expected) {
    const res = await fetch(`${url}/api/heatmap?site=${site}&path=${encodeURIComponent(path)}&kind=move&window=1h`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`heatmap of ${path}: ${res.status}`);
    const hm = (await res.json()) as { tiles: Array<[number, number, number]> };
    const actual = new Map(hm.tiles.map(([x, y, n]) => [`${x}:${y}`, n]));
    for (const k of new Set([...tiles.keys(), ...actual.keys()])) {
      const want = tiles.get(k) ?? 0;
      const got = actual.get(k) ?? 0;
      if (want !== got) diffs.push(`${path} ${k}: expected ${want}, counted ${got}`);
    }
  }
  // The ranking is group-committed per process (store/rank-queue.ts): another collector's last
  // batches reach it within a flush interval, so the pages table gets a few rounds to agree.
  let pageDiffs: string[] = [];
  for (let attempt = 0; attempt < 10; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${url}/api/pages?site=${site}&window=5m&limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`pages: ${res.status}`);
    const pages = (await res.json()) as {
      pages: Array<{ path: string; events: number }>;
      series: Array<[number, number]>;
    };
    pageDiffs = [];
    let total = 0;
    for (const [path, tiles] of expected) {
      const want = [...tiles.values()].reduce((a, b) => a + b, 0);
      total += want;
      const got = pages.pages.find((p) => p.path === path)?.events ?? 0;
      if (want !== got) pageDiffs.push(`pages ${path}: expected ${want} events, counted ${got}`);
    }
    const series = pages.series.reduce((a, [, n]) => a + n, 0);
    if (series !== total) pageDiffs.push(`events series: expected ${total}, counted ${series}`);
    if (!pageDiffs.length) break;
  }
  return [...diffs, ...pageDiffs];
}
