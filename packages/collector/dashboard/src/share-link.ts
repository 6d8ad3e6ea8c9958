import type { ShareCreated } from '@heatlens/schema';
import { h } from './dom.js';

/**
 * Show a read-only link just made in `out`: what it opens and until when, the address to copy, and
 * "Revoke" (`revoke`, then a line saying the link is gone; `fail` gets its error).
 */
export function showShareLink(
  out: HTMLElement,
  s: ShareCreated,
  what: string,
  revoke: () => Promise<unknown>,
  fail: (e: unknown) => void,
) {
  const url = h('input', { id: 'share-url', readonly: true, value: s.url, size: 60 });
  out.replaceChildren(
    h(
      'p',
      {},
      `Read-only link to ${what}, until ${new Date(s.expiresAt).toLocaleString()}. ` +
        'Anyone with it sees this map alone.',
    ),
    url,
    h('button', { type: 'button', onclick: () => void navigator.clipboard?.writeText(s.url) }, 'Copy'),
    h(
      'button',
      {
        type: 'button',
        id: 'share-revoke',
        onclick: async () => {
          await revoke().catch(fail);
          out.replaceChildren(h('p', {}, 'Link revoked: it answers "not found" from now on.'));
        },
      },
      'Revoke',
    ),
  );
  out.hidden = false;
}
