import browser from 'webextension-polyfill';

/** `storage.local` key of the "Don't count my visits" option; absent means on. */
export const DONT_COUNT_KEY = 'dontCount';
const ID = 'heatlens-owner';

/** Whether "Don't count my visits" is on (default: on). */
export async function dontCount(): Promise<boolean> {
  return (await browser.storage.local.get(DONT_COUNT_KEY))[DONT_COUNT_KEY] !== false;
}

/**
 * Registers `owner-mark.js` at `document_start` for every site origin the owner granted while
 * "Don't count my visits" is on, and unregisters it otherwise: the owner's own browsing of their
 * site is never counted. Safe to call any time (startup, permission or option changes).
 */
export async function syncOwnerMark(): Promise<void> {
  const origins = (await browser.permissions.getAll()).origins ?? [];
  await browser.scripting.unregisterContentScripts({ ids: [ID] }).catch(() => {});
  if (origins.length && (await dontCount()))
    await browser.scripting.registerContentScripts([
      { id: ID, matches: origins, js: ['owner-mark.js'], runAt: 'document_start', allFrames: true },
    ]);
}
