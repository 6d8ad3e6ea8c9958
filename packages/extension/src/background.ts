import browser, { type Runtime } from 'webextension-polyfill';
import { syncOwnerMark } from './background/owner.js';
import { maybeAutoCapture } from './background/auto-capture.js';
import { takeCapture } from './background/capture.js';
import { overlayPng } from './background/overlay-png.js';
import { saveView } from './background/save-view.js';
import {
  liveSelectors,
  overlayNavigated,
  overlayOff,
  overlayOn,
  overlayReloaded,
  restoreOverlays,
} from './background/overlays.js';
import { parseBackgroundMessage, type BackgroundMessages, type BackgroundReplies } from './messages.js';
import { loadConfig, loadOverlay } from './storage.js';

// Listeners are registered at the top level, synchronously, so a service worker woken by an event
// has them in place; state lives in `browser.storage`, not in globals.

type Handlers = {
  [K in keyof BackgroundMessages]: (
    message: BackgroundMessages[K],
    sender: Runtime.MessageSender,
  ) => Promise<BackgroundReplies[K]>;
};

const handlers: Handlers = {
  'overlay:get': async ({ tabId }) => loadOverlay(tabId),
  'overlay:on': async ({ tabId, site, path, settings }) => {
    const state = await overlayOn({ tabId, site, path, settings });
    maybeAutoCapture(state, () => liveSelectors(tabId)).catch(() => {});
    return state;
  },
  'overlay:off': async ({ tabId }) => {
    await overlayOff(tabId);
    return null;
  },
  'page:navigated': async ({ path }, sender) => {
    if (sender.tab?.id !== undefined) await overlayNavigated(sender.tab.id, path);
    return null;
  },
  // Receiving it is the point: an event resets Firefox's idle timer for the event page, which
  // would otherwise be suspended with the overlay's socket in it (content/keep-awake.ts).
  'overlay:awake': async () => null,
  'capture:take': async ({ tabId, site, path }) => takeCapture({ tabId, site, path, live: liveSelectors(tabId) }),
  'overlay:png': async ({ tabId }) => overlayPng(tabId),
  'view:save': async ({ tabId, name }) => {
    const [state, config] = await Promise.all([loadOverlay(tabId), loadConfig()]);
    if (!state) throw new Error('Show the heatmap first: a view saves the map the overlay shows.');
    if (!config) throw new Error('Set the collector URL and read token in the options first.');
    return { id: await saveView(config, state, name) };
  },
};

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  // Only this extension's own pages and content scripts may drive it.
  if (sender.id !== browser.runtime.id) return undefined;
  // Broadcasts meant for extension pages are not requests: leave them unanswered.
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === 'feed:status' || type === 'capture:status') return undefined;
  const parsed = parseBackgroundMessage(raw);
  if (!parsed.ok) return Promise.reject(new Error(parsed.error));
  const message = parsed.value;
  const handle = handlers[message.type] as (m: typeof message, s: Runtime.MessageSender) => Promise<unknown>;
  return handle(message, sender);
});

browser.tabs.onRemoved.addListener((tabId) => {
  overlayOff(tabId, false).catch(() => {});
});

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'complete') overlayReloaded(tabId, tab.url).catch(() => {});
});

restoreOverlays().catch(() => {});

// The owner's own visits: the mark follows granted origins and the option.
// One at a time: two overlapping unregister/register pairs would fail on the duplicate id and
// could leave the older origin list registered.
let owning = Promise.resolve();
const syncOwner = () => void (owning = owning.then(syncOwnerMark).catch(() => {}));
browser.permissions.onAdded.addListener(syncOwner);
browser.permissions.onRemoved.addListener(syncOwner);
browser.storage.onChanged.addListener((changes) => 'dontCount' in changes && syncOwner());
syncOwner();
