import type { Batch } from '@heatlens/schema';
import { parseBatch } from '@heatlens/schema';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { init as start, type Heatlens, type InitOptions } from './init.js';
import { mouse, resetDom, setVisibility } from './test-support/dom.js';
import type { Send } from './transport.js';

let bodies: Batch[];
// Storage descriptors, restored after tests that make storage throw.
const storage = ['localStorage', 'sessionStorage'].map((k) => [k, Object.getOwnPropertyDescriptor(window, k)] as const);
const send: Send = async (_url, body) => {
  bodies.push(JSON.parse(body) as Batch);
  return new Response(null, { status: 204 });
};
const sent = () => bodies.flatMap((b) => b.events);
// Every instance is stopped after its test, even one whose assertions failed.
let running: Heatlens[] = [];
const init = (o: InitOptions) => {
  const hl = start(o);
  running.push(hl);
  return hl;
};

beforeEach(() => {
  resetDom();
  bodies = [];
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(null, '', '/shop/cart?coupon=secret#pay');
  document.body.innerHTML =
    `<form id="f"><input name="card" value="4111 secret"></form>` + `<p class="note">secret text</p>`;
  vi.useFakeTimers();
});
afterEach(() => {
  running.forEach((hl) => hl.stop());
  running = [];
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const [k, d] of storage) if (d) Object.defineProperty(window, k, d);
});

describe('init', () => {
  test('starts every tracker on one transport; batches are valid; query and hash stripped', async () => {
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send });
    mouse(document.querySelector('p')!, 'click', { x: 5, y: 5 });
    document.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    hl.track('signup');
    window.dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(1000);
    hl.flush();
    await vi.advanceTimersByTimeAsync(0);
    const types = sent().map((e) => e.type);
    for (const t of ['pageview', 'scroll', 'click', 'form', 'custom']) expect(types).toContain(t);
    for (const b of bodies) {
      expect(parseBatch(b).ok).toBe(true);
      expect(b.path).toBe('/shop/cart');
    }
    hl.stop();
  });

  test('no field value, text content, query or hash is ever in a payload', async () => {
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send });
    mouse(document.querySelector('p')!, 'click', { x: 5, y: 5 });
    mouse(document.querySelector('input')!, 'click', { x: 5, y: 5 });
    document.querySelector('input')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    document.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true }));
    vi.advanceTimersByTime(2000);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent().length).toBeGreaterThan(3);
    expect(JSON.stringify(bodies)).not.toMatch(/secret|coupon|#pay/);
    hl.stop();
  });

  test('query and hash are kept when enabled', async () => {
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send, query: true, hash: true });
    hl.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies[0]!.path).toBe('/shop/cart?coupon=secret#pay');
    hl.stop();
  });

  test.each([
    ['Do Not Track', () => vi.stubGlobal('navigator', { ...navigator, doNotTrack: '1', language: 'en' })],
    [
      'Global Privacy Control',
      () => vi.stubGlobal('navigator', { ...navigator, globalPrivacyControl: true, language: 'en' }),
    ],
    ['the opt-out flag', () => localStorage.setItem('heatlens:optout', '1')],
  ])('%s: nothing is sent', async (_name, arrange) => {
    arrange();
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send });
    mouse(document.querySelector('p')!, 'click');
    hl.track('x');
    hl.consent(true);
    hl.flush();
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bodies).toEqual([]);
    hl.stop();
  });

  test('consent(false) stops every tracker and drops the queue; consent(true) starts again', async () => {
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send });
    hl.track('before');
    hl.consent(false);
    hl.track('while-withdrawn');
    mouse(document.querySelector('p')!, 'click');
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bodies).toEqual([]);
    setVisibility('visible');
    hl.consent(true);
    hl.track('after');
    hl.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(
      sent()
        .filter((e) => e.type == 'custom')
        .map((e) => (e as { name: string }).name),
    ).toEqual(['after']);
    hl.stop();
  });

  test('requireConsent: nothing until consent(true)', async () => {
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send, requireConsent: true });
    hl.track('early');
    hl.flush();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bodies).toEqual([]);
    hl.consent(true);
    hl.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent().map((e) => e.type)).toContain('pageview');
    hl.stop();
  });

  test('excluded paths send nothing (exact, or a prefix ending in *)', async () => {
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send, exclude: ['/account', '/shop/*'] });
    hl.track('x');
    history.pushState(null, '', '/account');
    hl.track('y');
    history.pushState(null, '', '/accounts');
    hl.track('z');
    hl.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies.map((b) => b.path)).toEqual(['/accounts']);
    hl.stop();
  });

  test('never throws when storage, fetch and observers throw', async () => {
    const boom = () => {
      throw new Error('blocked');
    };
    Object.defineProperty(window, 'localStorage', { configurable: true, get: boom });
    Object.defineProperty(window, 'sessionStorage', { configurable: true, get: boom });
    vi.stubGlobal('fetch', boom);
    vi.stubGlobal('IntersectionObserver', boom);
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    expect(() => {
      const hl = init({ site: 'demo', endpoint: 'https://c.example' });
      mouse(document.querySelector('p')!, 'click');
      hl.track('x');
      hl.flush();
      setVisibility('hidden');
      hl.consent(false);
      hl.stop();
    }).not.toThrow();
    await vi.advanceTimersByTimeAsync(120_000);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
  });

  test('a session id survives without storage (one per page load)', async () => {
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new Error('denied');
      },
    });
    const hl = init({ site: 'demo', endpoint: 'https://c.example', send });
    hl.track('a');
    hl.flush();
    hl.track('b');
    hl.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(bodies[0]!.sid).toMatch(/^[a-z0-9]{8,}$/);
    expect(bodies[1]!.sid).toBe(bodies[0]!.sid);
    hl.stop();
  });
});
