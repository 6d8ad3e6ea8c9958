import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// Reading the built dashboard in a browser page: the pages table's rows and the page view's
// numbers, waited for until they show what a test expects.

export type Row = Record<string, string>;

/**
 * Wait until the pages table's row for `path` shows `expected` (cell `data-col` -> text), and
 * return how long it took. On timeout, fail with the row as it is, so the diff says what differs.
 */
export async function expectRow(page: Page, path: string, expected: Row, timeout = 5000): Promise<number> {
  const start = performance.now();
  const ok = await page
    .waitForFunction(
      ([p, want]) => {
        const row = document.querySelector(`#pages-table tr[data-path=${JSON.stringify(p)}]`);
        return (
          !!row && Object.entries(want).every(([k, v]) => row.querySelector(`[data-col="${k}"]`)?.textContent === v)
        );
      },
      [path, expected] as const,
      { timeout, polling: 10 },
    )
    .then(
      () => true,
      () => false,
    );
  if (!ok) expect(await readRow(page, path), `row ${path}`).toMatchObject(expected);
  return performance.now() - start;
}

/** The pages table's row for `path`: cell `data-col` -> text (empty without the row). */
export async function readRow(page: Page, path: string): Promise<Row> {
  return page.evaluate((p) => {
    const out: Record<string, string> = {};
    const row = document.querySelector(`#pages-table tr[data-path=${JSON.stringify(p)}]`);
    for (const cell of row?.querySelectorAll('[data-col]') ?? [])
      out[cell.getAttribute('data-col') ?? ''] = cell.textContent ?? '';
    return out;
  }, path);
}

/** Same for the page view: its `data-stat` numbers and the heatmap's total (`heatmap` key). */
export async function expectPageView(page: Page, expected: Row, timeout = 5000): Promise<number> {
  const start = performance.now();
  const read = () =>
    page.evaluate(() => {
      const out: Record<string, string> = { heatmap: document.getElementById('heatmap')?.dataset.total ?? '' };
      for (const el of document.querySelectorAll('#page-stats [data-stat]'))
        out[el.getAttribute('data-stat') ?? ''] = el.textContent ?? '';
      return out;
    });
  const ok = await page
    .waitForFunction(
      (want) => {
        const got = (k: string) =>
          k === 'heatmap'
            ? document.getElementById('heatmap')?.dataset.total
            : document.querySelector(`#page-stats [data-stat="${k}"]`)?.textContent;
        return Object.entries(want).every(([k, v]) => got(k) === v);
      },
      expected,
      { timeout, polling: 10 },
    )
    .then(
      () => true,
      () => false,
    );
  if (!ok) expect(await read(), 'page view').toMatchObject(expected);
  return performance.now() - start;
}
