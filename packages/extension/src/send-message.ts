import browser from 'webextension-polyfill';
import type { BackgroundMessages, BackgroundReplies } from './messages.js';

/** Send a typed request to the background and get its typed reply. */
export function sendToBackground<K extends keyof BackgroundMessages>(
  message: BackgroundMessages[K] & { type: K },
): Promise<BackgroundReplies[K]> {
  return browser.runtime.sendMessage<typeof message, BackgroundReplies[K]>(message);
}
