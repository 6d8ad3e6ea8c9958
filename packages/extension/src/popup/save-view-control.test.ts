// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { defaultViewName, setupSaveView } from './save-view-control.js';

const at = new Date(2026, 11, 7, 18, 30);
const settle = () => new Promise((r) => setTimeout(r, 0));

function mount(on: boolean, send = vi.fn(async () => ({ id: 'demo.AAAAAAAAAAAAAAAAAAAAAA' }))) {
  const parent = document.createElement('section');
  const control = setupSaveView(parent, {
    tabId: 7,
    path: () => '/product/:id',
    overlayOn: () => on,
    send,
    now: () => at,
  });
  return { parent, control, send, button: parent.querySelector<HTMLButtonElement>('#view-save')! };
}

describe('Save view in the popup', () => {
  it('names a view by its page and the date unless the owner types a name', () => {
    expect(defaultViewName('/product/:id', at)).toBe('/product/:id 2026-12-07');
    expect(defaultViewName(`/${'a'.repeat(300)}`, at).length).toBe(120);
  });

  it('asks the background to save the shown map, under the default name', async () => {
    const { parent, send, button } = mount(true);
    button.click();
    await settle();
    expect(send).toHaveBeenCalledWith({ type: 'view:save', tabId: 7, name: '/product/:id 2026-12-07' });
    expect(parent.querySelector('#view-status')!.textContent).toContain('Saved “/product/:id 2026-12-07”');
  });

  it("sends the owner's typed name, trimmed, and shows the background's error", async () => {
    const send = vi.fn(async () => {
      throw new Error('The collector refused the read token.');
    });
    const { parent, button } = mount(true, send);
    parent.querySelector<HTMLInputElement>('#view-name')!.value = '  Checkout after redesign ';
    button.click();
    await settle();
    expect(send).toHaveBeenCalledWith({ type: 'view:save', tabId: 7, name: 'Checkout after redesign' });
    expect(parent.querySelector('#view-status')!.textContent).toBe('The collector refused the read token.');
  });

  it('is off while the overlay is off: there is no map to save', () => {
    expect(mount(false).button.disabled).toBe(true);
  });
});
