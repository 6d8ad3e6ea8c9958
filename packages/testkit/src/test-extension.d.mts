import type { BrowserContext, Page, Worker } from 'playwright-core';

/** The built Chrome folder (`pnpm build` writes it). */
export const CHROME_BUILD: string;
/**
 * A copy of the built extension whose manifest pre-grants `http://127.0.0.1/*` (or `hosts`);
 * `dispose()` removes it.
 */
export function prepareTestExtension(opts?: { hosts?: string[] }): { dir: string; dispose(): void };
/** The extension's service worker and id. */
export function extensionWorker(context: BrowserContext): Promise<{ worker: Worker; id: string }>;
/** Configure the extension through its options page; the listed site ids. */
export function configure(
  context: BrowserContext,
  id: string,
  collectorUrl: string,
  token: string,
  timeout?: number,
): Promise<string[]>;
/** The browser's id of the tab showing `page`. */
export function tabIdOf(worker: Worker, page: Page): Promise<number>;
/** The popup for a tab, in a tab of its own, once its controls show. */
export function openPopup(context: BrowserContext, id: string, tabId: number): Promise<Page>;
/** Switch the overlay on in `tab` through the popup (segment `all`, `kind`, labels off when `counts` is false). */
export function switchOverlayOn(
  context: BrowserContext,
  worker: Worker,
  id: string,
  tab: Page,
  options?: { kind?: 'move' | 'click' | 'scroll'; counts?: boolean },
): Promise<void>;
