import browser from 'webextension-polyfill';
import { fetchSites, originPattern } from '../api.js';
import { addCollector } from '../collectors.js';
import { showSaved } from './saved-collectors.js';
import { loadConfig } from '../storage.js';

const form = document.querySelector<HTMLFormElement>('#config')!;
const urlInput = document.querySelector<HTMLInputElement>('#collector-url')!;
const tokenInput = document.querySelector<HTMLInputElement>('#token')!;
const status = document.querySelector<HTMLElement>('#status')!;
const list = document.querySelector<HTMLUListElement>('#sites')!;

function say(text: string, ok = false): void {
  status.textContent = text;
  status.className = ok ? 'ok' : 'error';
}

async function test(collectorUrl: string, token: string, granted: Promise<boolean>): Promise<void> {
  list.replaceChildren();
  if (!(await granted)) return say(`heatlens needs access to ${new URL(collectorUrl).origin} to read your heatmaps.`);
  await addCollector(browser.storage.local, { collectorUrl, token });
  void showSaved();
  say('Testing…', true);
  try {
    const sites = await fetchSites({ collectorUrl, token });
    for (const site of sites) {
      const li = document.createElement('li');
      li.textContent = `${site.id}: ${site.origins.map((o) => (o === '*' ? 'any origin' : o)).join(', ')}`;
      li.dataset.site = site.id;
      list.append(li);
    }
    say(
      sites.length
        ? `Connected. This token reads ${sites.length} site${sites.length === 1 ? '' : 's'}:`
        : 'Connected, but this token reads no site.',
      sites.length > 0,
    );
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  let collectorUrl: string;
  try {
    const url = new URL(urlInput.value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('scheme');
    collectorUrl = url.origin;
  } catch {
    return say('Enter the collector URL, e.g. https://heatlens.example.com');
  }
  // Asked in the click's own task: the permission prompt needs the user's gesture.
  const granted = browser.permissions.request({ origins: [originPattern(collectorUrl)] }).catch(() => false);
  void test(collectorUrl, tokenInput.value.trim(), granted);
});

loadConfig().then(
  (config) => {
    if (!config) return;
    urlInput.value = config.collectorUrl;
    tokenInput.value = config.token;
  },
  () => {},
);

// "Don't count my visits": on unless turned off; the background registers the page mark.
const dontCount = document.getElementById('dont-count') as HTMLInputElement;
void browser.storage.local.get('dontCount').then((v) => (dontCount.checked = v.dontCount !== false));
dontCount.addEventListener('change', () => void browser.storage.local.set({ dontCount: dontCount.checked }));

// Automatic captures when the overlay is shown: on unless turned off (background/auto-capture.ts).
const autoCapture = document.getElementById('auto-capture') as HTMLInputElement;
void browser.storage.local.get('autoCapture').then((v) => (autoCapture.checked = v.autoCapture !== false));
autoCapture.addEventListener('change', () => void browser.storage.local.set({ autoCapture: autoCapture.checked }));
