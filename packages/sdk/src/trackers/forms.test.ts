import type { FormEvent } from '@heatlens/schema';
import { beforeEach, describe, expect, test } from 'vitest';
import { collector, resetDom } from '../test-support/dom.js';
import { trackForms } from './forms.js';

beforeEach(resetDom);

describe('trackForms', () => {
  test('start once per form on the first field focus, and submit; by id or name; never values', () => {
    document.body.innerHTML = `
      <form id="signup"><input name="email" value="me@secret.example"><input name="id" value="secret-2"></form>
      <form name="search"><input name="q" value="secret query"></form>
      <form><textarea>secret text</textarea></form>`;
    const [signup, search, anon] = [...document.forms] as HTMLFormElement[];
    const { emit, events } = collector<FormEvent>();
    const stop = trackForms(emit);
    const focus = (el: Element) => el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    focus(signup!.elements[0]!);
    focus(signup!.elements[1]!);
    focus(search!.elements[0]!);
    focus(anon!.elements[0]!);
    signup!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    expect(events.map(({ action, form }) => [action, form])).toEqual([
      ['start', 'signup'],
      ['start', 'search'],
      ['start', undefined],
      ['submit', 'signup'],
    ]);
    expect(JSON.stringify(events)).not.toContain('secret');
    stop();
    focus(search!.elements[0]!);
    expect(events).toHaveLength(4);
  });
});
