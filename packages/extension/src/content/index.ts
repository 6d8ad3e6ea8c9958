import { OWNER_MARK } from '@heatlens/schema/constants';
import browser from 'webextension-polyfill';
import type { BackgroundMessages, ContentMessage } from '../messages.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import { keepAwake } from './keep-awake.js';
import { mountOverlay } from './mount-overlay.js';

// Injected by the background with `scripting.executeScript` only when the owner turns the overlay
// on in this tab; never declared in the manifest, so other pages never run it. Unmounting removes
// the listener too, leaving no work behind; a later toggle injects a fresh copy.

const MOUNTED = Symbol.for('heatlens.overlay');
type Scope = typeof globalThis & { [MOUNTED]?: true };

function start(): void {
  const scope = globalThis as Scope;
  if (scope[MOUNTED]) return;
  scope[MOUNTED] = true;
  // A tab with the overlay on is the owner's: marked, so the site's SDK sends nothing from it.
  // Unmounting takes the mark away again, unless the page had it already ("Don't count my
  // visits" marks every page of a granted origin at document_start).
  const html = document.documentElement;
  const ours = !html.hasAttribute(OWNER_MARK);
  if (ours) html.setAttribute(OWNER_MARK, '');

  const navigated = (path: string): void => {
    const message: BackgroundMessages['page:navigated'] = { type: 'page:navigated', path };
    browser.runtime.sendMessage(message).catch(() => {});
  };
  const overlay = mountOverlay(window, {
    onNavigate(path) {
      overlay.draw(null, current); // the old page's map does not apply to the new one
      navigated(path);
    },
  });
  let current: Parameters<typeof overlay.draw>[1] = DEFAULT_SETTINGS;
  const stopAwake = keepAwake(() => {
    const message: BackgroundMessages['overlay:awake'] = { type: 'overlay:awake' };
    browser.runtime.sendMessage(message).catch(() => {});
  });

  const onMessage = (raw: unknown): Promise<unknown> | undefined => {
    try {
      return handle(raw as ContentMessage);
    } catch {
      return Promise.resolve(false); // never throw into the host page
    }
  };
  const handle = (message: ContentMessage): Promise<unknown> | undefined => {
    switch (message?.type) {
      case 'overlay:ping':
        return Promise.resolve(true);
      case 'overlay:draw':
        current = message.settings;
        overlay.draw(message.snapshot, message.settings);
        return Promise.resolve(true);
      case 'overlay:unmount':
        overlay.destroy();
        stopAwake();
        if (ours) html.removeAttribute(OWNER_MARK);
        browser.runtime.onMessage.removeListener(onMessage);
        delete scope[MOUNTED];
        return Promise.resolve(true);
      default:
        return undefined; // not ours: let other listeners answer
    }
  };
  browser.runtime.onMessage.addListener(onMessage);
}

try {
  start();
} catch {
  // Never throw into the host page: without an overlay the page is simply left as it was.
}
