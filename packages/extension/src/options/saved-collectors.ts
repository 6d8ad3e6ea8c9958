import browser from 'webextension-polyfill';
import { loadCollectors, removeCollector } from '../collectors.js';

/**
 * The saved collector URL and read token pairs, listed under the form (the token shown by its
 * last 4 characters) with a Remove button each: the popup picks among them by the tab's origin.
 */
export async function showSaved(): Promise<void> {
  const list = document.querySelector<HTMLUListElement>('#saved')!;
  const pairs = await loadCollectors(browser.storage.local);
  list.replaceChildren(
    ...pairs.map((pair) => {
      const li = document.createElement('li');
      li.dataset.collector = pair.collectorUrl;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.addEventListener('click', () => void removeCollector(browser.storage.local, pair).then(showSaved));
      li.append(`${pair.collectorUrl} · token …${pair.token.slice(-4)} `, remove);
      return li;
    }),
  );
  document.querySelector<HTMLElement>('#saved-title')!.hidden = pairs.length === 0;
}

void showSaved();
