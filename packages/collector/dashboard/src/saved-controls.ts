import { h } from './dom.js';

/** What the saved-views controls do; the panel owns the state they act on. */
export type SavedActions = {
  /** "Save view" with the name typed in `nameInput` (submitted by the form) */
  save: (e: Event) => void;
  /** "Compare with the previous period" */
  comparePrevious: () => void;
  /** "Share the live map" */
  shareLive: () => void;
};

/**
 * The saved-views panel's heading and controls: the name field and "Save view", "Compare with the
 * previous period", "Share the live map" and the links' life (`#share-days`, 7 days unless chosen).
 */
export function savedControls(nameInput: HTMLInputElement, act: SavedActions): HTMLElement[] {
  return [
    h('h3', {}, 'Saved views, comparisons and links'),
    h(
      'form',
      { class: 'saved-form', onsubmit: act.save },
      nameInput,
      h('button', { type: 'submit', id: 'save-view' }, 'Save view'),
    ),
    h(
      'p',
      { class: 'saved-actions' },
      h(
        'button',
        { type: 'button', id: 'compare-prev', onclick: act.comparePrevious },
        'Compare with the previous period',
      ),
      h('button', { type: 'button', id: 'share-live', onclick: act.shareLive }, 'Share the live map'),
      h(
        'label',
        {},
        ' Links expire after ',
        h(
          'select',
          { id: 'share-days' },
          ...[1, 7, 30, 90].map((d) => h('option', { value: d, selected: d === 7 }, `${d} days`)),
        ),
      ),
    ),
  ];
}
