import type { CaptureInfo, Heatmap } from '@heatlens/schema';

/** Cells a spreadsheet would read as a formula (OWASP "CSV injection"): they get a leading `'`. */
const FORMULA = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text that starts like a formula gets a leading `'`; a cell with a
 * comma, quote, CR or LF is quoted, its quotes doubled. Numbers we produce are written as they are
 * (a fixed-layer row may be negative, and stays a number).
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (cells: Array<string | number>) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * The name of each selector from a page's captures (newest first): the newest capture of segment
 * `seg` (any segment for `all`) that names it.
 */
export function namesFromCaptures(captures: CaptureInfo[], seg: Heatmap['seg']): Map<string, string> {
  const names = new Map<string, string>();
  for (const c of captures) {
    if (seg !== 'all' && c.seg !== seg) continue;
    for (const e of c.elements) if (e.name && !names.has(e.sel)) names.set(e.sel, e.name);
  }
  return names;
}

/**
 * A heatmap as CSV (`GET /api/heatmap?...&format=csv`), CRLF line ends: a table of tiles
 * `layer,tx,ty,count` (layer `page`, then `fixed` for the viewport layer), a blank line, then a
 * table of elements `selector,name,count` (click maps; empty otherwise), `name` from `names` or empty.
 */
export function heatmapCsv(map: Heatmap, names: Map<string, string>): string {
  let out = row(['layer', 'tx', 'ty', 'count']);
  for (const [tx, ty, n] of map.tiles) out += row(['page', tx, ty, n]);
  for (const [tx, ty, n] of map.fixed) out += row(['fixed', tx, ty, n]);
  out += '\r\n' + row(['selector', 'name', 'count']);
  for (const e of map.elements ?? []) out += row([e.sel, names.get(e.sel) ?? '', e.count]);
  return out;
}

/** A download name for a heatmap's CSV: only `[A-Za-z0-9_-]` from the site, page and query. */
export function csvFilename(map: Heatmap, window: string): string {
  const slug = (s: string) =>
    s
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 80) || 'root';
  return `heatlens-${slug(map.site)}-${slug(map.path)}-${map.kind}-${map.seg}-${slug(window)}.csv`;
}
