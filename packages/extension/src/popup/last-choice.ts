import { KINDS, VIEW_WINDOWS } from '@heatlens/schema/constants';
import type { OverlaySettings } from '../settings.js';

/** The part of a storage area this needs (`browser.storage.local` has it). */
export type Area = {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
};

/** What the popup remembers per site: the owner's last window and map. */
export type LastChoice = Pick<OverlaySettings, 'window' | 'kind'>;

const key = (site: string) => `popup:last:${site}`;

/**
 * The owner's last window and map on `site` (from `area`, `storage.local`), so the popup opens on
 * them instead of 5 minutes every time; null when none was saved or what was saved is no longer a
 * window or map the extension offers.
 */
export async function loadLastChoice(area: Area, site: string): Promise<LastChoice | null> {
  const v = (await area.get(key(site)))[key(site)] as Partial<LastChoice> | undefined;
  if (!v || !(VIEW_WINDOWS as readonly string[]).includes(v.window!) || !(KINDS as readonly string[]).includes(v.kind!))
    return null;
  return { window: v.window!, kind: v.kind! };
}

/** Remember the owner's window and map on `site`. */
export async function saveLastChoice(area: Area, site: string, choice: LastChoice): Promise<void> {
  await area.set({ [key(site)]: { window: choice.window, kind: choice.kind } });
}
