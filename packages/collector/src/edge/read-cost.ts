import type { WindowName } from '@heatlens/schema';

/** Points one `GET /api/pages` costs per this many pages asked for (`limit`), on top of 1. */
export const PAGES_PER_POINT = 25;

/**
 * Points a heatmap or stats read costs by window: a longer window reads more levels and buckets
 * (90d and 365d also count visitors over 90 and 365 day HyperLogLogs).
 */
export const WINDOW_POINTS: Record<WindowName, number> = {
  '5m': 1,
  '1h': 2,
  '24h': 4,
  '30d': 8,
  '90d': 12,
  '365d': 16,
};

/**
 * What a read costs against its token's budget (`rateLimits.readsPerToken`, in points): 1 for
 * most routes; `/api/pages` 1 + limit / 25 (500 pages: 21); heatmap and stats by their window. A
 * token looping `/api/pages?limit=500` spent one point a call, 31-37 calls a second, and kept
 * Redis busy enough that other sites' writes waited 700 ms; its budget now buys a twentieth.
 */
export function readCost(pathname: string, params: URLSearchParams): number {
  if (pathname === '/api/pages') {
    const limit = Number(params.get('limit') ?? 50);
    return Number.isInteger(limit) && limit > 0 ? 1 + Math.floor(Math.min(limit, 500) / PAGES_PER_POINT) : 1;
  }
  if (pathname === '/api/heatmap' || pathname === '/api/stats')
    return WINDOW_POINTS[(params.get('window') ?? '5m') as WindowName] ?? 1;
  return 1;
}
