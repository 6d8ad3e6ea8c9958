import browser from 'webextension-polyfill';
import { captureVisible } from './capture-visible.js';

/**
 * The tab's visible viewport as a PNG data URL, as the owner sees it: the page with the overlay's
 * heat and legend drawn over it (`captureVisibleTab` takes what is composited). The tab is brought
 * to the front first (the call takes a window's active tab).
 */
export async function overlayPng(tabId: number): Promise<string> {
  let tab = await browser.tabs.get(tabId);
  if (!tab.active) {
    tab = await browser.tabs.update(tabId, { active: true });
    // One frame for the tab to be painted in front.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return captureVisible(tab.windowId ?? browser.windows.WINDOW_ID_CURRENT, 'png');
}
