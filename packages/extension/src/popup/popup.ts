import browser, { type Tabs } from 'webextension-polyfill';
import { VIEW_WINDOWS, WINDOW_LABELS } from '@heatlens/schema/constants';
import { keepWindows } from './window-options.js';
import { segmentOf } from '@heatlens/schema/tiles';
import { fetchSites, fetchStats, originPattern, type ReadableSite } from '../api.js';
import type { PageBroadcast } from '../messages.js';
import { sendToBackground } from '../send-message.js';
import { loadLastChoice, saveLastChoice } from './last-choice.js';
import { DEFAULT_RADIUS, DEFAULT_SETTINGS, MAX_RADIUS, MIN_RADIUS, type OverlaySettings } from '../settings.js';
import { collectorForTab, loadCollectors, saveSiteCollector } from '../collectors.js';
import type { CollectorConfig } from '../storage.js';
import { pageKey } from '@heatlens/schema/page-key';
import { dontCount } from '../background/owner.js';
import { statsRows } from './stats-rows.js';
import { setupCapture } from './capture-controls.js';
import { setupSaveView } from './save-view-control.js';

const $ = <T extends HTMLElement>(selector: string): T => document.querySelector<T>(selector)!;
const toggle = $<HTMLButtonElement>('#overlay-toggle');
const kind = $<HTMLSelectElement>('#kind');
const windowSelect = $<HTMLSelectElement>('#window');
const seg = $<HTMLSelectElement>('#seg');
const opacity = $<HTMLInputElement>('#opacity');
const counts = $<HTMLInputElement>('#counts');
const radius = $<HTMLInputElement>('#radius');
const feed = $<HTMLElement>('#feed');
const statsList = $<HTMLDListElement>('#stats');

const STATS_REFRESH_MS = 1_000;

function why(text: string): void {
  $('#why').textContent = text;
  $('#why').hidden = false;
  $('#controls').hidden = true;
}

/**
 * The tab this popup acts on: the active tab, as the browser's action popup. A `?tab=<id>` query
 * names another one; only used when present, so the popup page can be opened in a tab of its own
 * (the end-to-end tests drive it that way).
 */
async function targetTab(): Promise<Tabs.Tab | undefined> {
  const explicit = new URLSearchParams(location.search).get('tab');
  if (explicit && /^\d+$/.test(explicit)) return browser.tabs.get(Number(explicit));
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

windowSelect.replaceChildren(...VIEW_WINDOWS.map((w) => new Option(WINDOW_LABELS[w], w)));
radius.min = String(MIN_RADIUS);
radius.max = String(MAX_RADIUS);

function readSettings(): OverlaySettings {
  return {
    kind: kind.value as OverlaySettings['kind'],
    window: windowSelect.value as OverlaySettings['window'],
    seg: seg.value as OverlaySettings['seg'],
    opacity: Number(opacity.value),
    counts: counts.checked,
    radius: Number(radius.value),
  };
}

function showSettings(s: OverlaySettings): void {
  kind.value = s.kind;
  windowSelect.value = s.window;
  seg.value = s.seg;
  opacity.value = String(s.opacity);
  counts.checked = s.counts;
  radius.value = String(s.radius ?? DEFAULT_RADIUS);
}

function showStats(stats: Parameters<typeof statsRows>[0]): void {
  const rows = statsRows(stats, windowSelect.value).flatMap(([label, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    return [dt, dd];
  });
  statsList.replaceChildren(...rows);
}

async function run(): Promise<void> {
  const tab = await targetTab();
  if (tab?.id === undefined) return why('There is no tab to show a heatmap on.');
  const configs = await loadCollectors(browser.storage.local);
  if (!configs.length) return why('Set the collector URL and read token in the options first.');
  if (!tab.url) return why('heatlens cannot read this tab’s address: open the popup from the page itself.');
  // The pair whose token sees this tab's site (an owner may keep one per site).
  const found = await collectorForTab(configs, tab.url, fetchSites);
  if (found && 'error' in found) return why(found.error instanceof Error ? found.error.message : String(found.error));
  const config = found?.config as CollectorConfig;
  const site = found?.site;
  if (site) await saveSiteCollector(browser.storage.local, site.id, config);
  if (!site) {
    const scheme = new URL(tab.url).protocol;
    return why(
      scheme === 'http:' || scheme === 'https:'
        ? `${new URL(tab.url).origin} is not one of the sites your read tokens can see.`
        : 'heatlens shows heatmaps on web pages only.',
    );
  }
  await showPage(tab.id, tab, site, config);
}

async function showPage(tabId: number, tab: Tabs.Tab, site: ReadableSite, config: CollectorConfig): Promise<void> {
  let state = await sendToBackground({ type: 'overlay:get', tabId });
  // Asked for under the key the SDK records it with (long paths: a bounded prefix and a hash).
  let path = state?.path ?? pageKey(new URL(tab.url!).pathname);
  // With the overlay on, or "Don't count my visits" and the origin granted, nothing is counted.
  // Asked with the grant's own pattern: Firefox rejects a match pattern with a port.
  void Promise.all([dontCount(), browser.permissions.contains({ origins: [originPattern(tab.url!)] })]).then(
    ([on, granted]) => ($('#owner').hidden = !(state || (on && granted))),
    () => {},
  );
  $('#page').textContent = `${site.id} ${path}`;
  const last = await loadLastChoice(browser.storage.local, site.id);
  showSettings(state?.settings ?? { ...DEFAULT_SETTINGS, ...last, seg: tab.width ? segmentOf(tab.width) : 'all' });
  keepWindows(windowSelect, site.retentionDays);
  // The tab was resized across a width segment since the map's width was chosen: say so, offer the tab's.
  const segNote = $<HTMLParagraphElement>('#seg-note');
  const tabSeg = tab.width ? segmentOf(tab.width) : null;
  if (state && tabSeg && state.settings.seg !== 'all' && state.settings.seg !== tabSeg) {
    const name = (s: string) => seg.querySelector(`option[value="${s}"]`)?.textContent ?? s;
    const use = document.createElement('button');
    use.type = 'button';
    use.textContent = `Show ${name(tabSeg)}`;
    use.addEventListener('click', () => {
      seg.value = tabSeg;
      seg.dispatchEvent(new Event('change'));
      segNote.hidden = true;
    });
    segNote.replaceChildren(`This tab is ${tab.width} px wide; the map shows ${name(state.settings.seg)}. `, use);
    segNote.hidden = false;
  }
  $('#controls').hidden = false;

  const captureControls = setupCapture(document, {
    tabId,
    site: site.id,
    path: () => path,
    overlayOn: () => Boolean(state),
  });
  const saveViewControl = setupSaveView($('#capture'), {
    tabId,
    path: () => path,
    overlayOn: () => Boolean(state),
    send: (m) => sendToBackground(m),
  });
  const showState = (): void => {
    toggle.setAttribute('aria-pressed', String(Boolean(state)));
    toggle.textContent = state ? 'Hide heatmap' : 'Show heatmap';
    captureControls.refresh();
    saveViewControl.refresh();
  };
  const apply = async (on: boolean): Promise<void> => {
    try {
      if (on)
        state = await sendToBackground({ type: 'overlay:on', tabId, site: site.id, path, settings: readSettings() });
      else state = await sendToBackground({ type: 'overlay:off', tabId });
      feed.textContent = on ? 'connecting…' : '';
    } catch (error) {
      feed.textContent = error instanceof Error ? error.message : String(error);
    }
    showState();
  };
  toggle.addEventListener('click', () => void apply(!state));
  for (const control of [kind, windowSelect, seg, opacity, radius, counts]) {
    control.addEventListener('change', () => {
      const { window, kind: map } = readSettings();
      void saveLastChoice(browser.storage.local, site.id, { window, kind: map });
      if (state) void apply(true);
      void refresh();
    });
  }
  showState();

  browser.runtime.onMessage.addListener((raw: unknown) => {
    const message = raw as PageBroadcast;
    if (message?.type !== 'feed:status' || message.tabId !== tabId) return undefined;
    feed.textContent = message.status === 'live' ? `live · ${message.snapshot?.total ?? 0} samples` : message.status;
    if (message.snapshot) showStats(message.snapshot.stats);
    return undefined;
  });

  const refresh = async (): Promise<void> => {
    try {
      const current = state ? await sendToBackground({ type: 'overlay:get', tabId }) : null;
      if (current) path = current.path;
      showStats(await fetchStats(config, site.id, path, windowSelect.value));
    } catch (error) {
      feed.textContent = error instanceof Error ? error.message : String(error);
    }
  };
  await refresh();
  setInterval(() => void refresh(), STATS_REFRESH_MS);
}

run().catch((error: unknown) => why(error instanceof Error ? error.message : String(error)));
