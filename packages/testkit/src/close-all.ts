/** Anything a test starts and must stop: a collector, a shop, a browser, a webhook receiver... */
export type Closable = { close(): Promise<unknown> | unknown };

/**
 * Close what a suite started, in the order given (e.g. the browser before the servers it talks
 * to), skipping what never started (`undefined` when `beforeAll` failed half way). Every close is
 * attempted even when one throws; the first error is rethrown after the rest are closed.
 */
export async function closeAll(...items: (Closable | undefined | null)[]): Promise<void> {
  let first: unknown;
  let failed = false;
  for (const item of items) {
    try {
      await item?.close();
    } catch (e) {
      if (!failed) [first, failed] = [e, true];
    }
  }
  if (failed) throw first;
}
