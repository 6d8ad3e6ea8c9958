import { VIEW_NAME_MAX } from '@heatlens/schema/views';
import type { BackgroundMessages, BackgroundReplies } from '../messages.js';

/** What the "Save view" control needs: the tab, its page now, and a way to reach the background. */
export type SaveViewTarget = {
  tabId: number;
  /** the page key the overlay shows now */
  path: () => string;
  /** whether the overlay is on (a view saves the map it shows) */
  overlayOn: () => boolean;
  send: (m: BackgroundMessages['view:save']) => Promise<BackgroundReplies['view:save']>;
  /** default `new Date()` */
  now?: () => Date;
};

/** The default name of a view: its page and the local date, e.g. `/product/:id 2026-12-07`. */
export function defaultViewName(path: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${path.slice(0, VIEW_NAME_MAX - day.length - 1)} ${day}`;
}

/**
 * "Save view" in the popup: a name the owner types (empty: page and date) and a button that asks
 * the background to save the overlay's current map (site, page, kind, width, window) as a view on
 * the collector (the background holds the token and host permission). Appended to `parent`;
 * `refresh` enables it only while the overlay is on.
 */
export function setupSaveView(parent: HTMLElement, target: SaveViewTarget): { refresh(): void } {
  const doc = parent.ownerDocument;
  const row = doc.createElement('div');
  row.className = 'row';
  row.id = 'save-view';
  const name = doc.createElement('input');
  name.id = 'view-name';
  name.maxLength = VIEW_NAME_MAX;
  name.setAttribute('aria-label', 'View name');
  const button = doc.createElement('button');
  button.id = 'view-save';
  button.type = 'button';
  button.textContent = 'Save view';
  const status = doc.createElement('p');
  status.id = 'view-status';
  status.setAttribute('role', 'status');
  row.append(name, button);
  parent.append(row, status);
  const refresh = () => {
    name.placeholder = defaultViewName(target.path(), (target.now ?? (() => new Date()))());
    button.disabled = !target.overlayOn();
    button.title = button.disabled ? 'Show the heatmap first: a view saves the map it shows.' : '';
  };
  button.addEventListener('click', () => {
    refresh();
    const chosen = name.value.trim() || name.placeholder;
    button.disabled = true;
    status.textContent = 'Saving…';
    target
      .send({ type: 'view:save', tabId: target.tabId, name: chosen })
      .then(
        () => (status.textContent = `Saved “${chosen}”: the dashboard lists it under this page.`),
        (e: unknown) => (status.textContent = e instanceof Error ? e.message : String(e)),
      )
      .finally(refresh);
  });
  refresh();
  return { refresh };
}
