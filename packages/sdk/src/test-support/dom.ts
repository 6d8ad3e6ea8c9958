import { afterEach, beforeEach, vi } from 'vitest';

/** Dispatches a mouse-like event with page coordinates (happy-dom does not derive pageX/pageY). */
export function mouse(
  target: EventTarget,
  type: string,
  init: { x?: number; y?: number; scrollX?: number; scrollY?: number; detail?: number; pointerType?: string } = {},
): Event {
  const { x = 0, y = 0, scrollX = 0, scrollY = 0, detail = 1, pointerType = 'mouse' } = init;
  const Ctor = type.startsWith('pointer') ? PointerEvent : MouseEvent;
  const e = new Ctor(type, {
    bubbles: true,
    cancelable: true,
    composed: true,
    clientX: x,
    clientY: y,
    detail,
    pointerType,
  } as PointerEventInit);
  Object.defineProperty(e, 'pageX', { value: x + scrollX });
  Object.defineProperty(e, 'pageY', { value: y + scrollY });
  target.dispatchEvent(e);
  return e;
}

/** Gives the document a size (happy-dom has no layout). */
export function setDocSize(w: number, h: number): void {
  Object.defineProperty(document.documentElement, 'scrollWidth', { configurable: true, get: () => w });
  Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => h });
}

/** Gives an element a box. */
export function setRect(el: Element, r: { left: number; top: number; width: number; height: number }): void {
  el.getBoundingClientRect = () =>
    ({ ...r, x: r.left, y: r.top, right: r.left + r.width, bottom: r.top + r.height, toJSON() {} }) as DOMRect;
}

/**
 * Names `selector`'s element the page's scroll root (`data-scroll-root`, as the SDK's `scrollRoot`
 * option does), at viewport box `rect`, scrolled to `scrollTop` (and `scrollLeft`, default 0) over
 * content of `scrollWidth` x `scrollHeight`. Returns the element; the test deletes
 * `document.documentElement.dataset.scrollRoot` when done.
 */
export function fakeScrollRoot(
  selector: string,
  rect: { left: number; top: number; width: number; height: number },
  scroll: { scrollTop: number; scrollLeft?: number; scrollWidth: number; scrollHeight: number },
): Element {
  document.documentElement.dataset.scrollRoot = selector;
  const el = document.querySelector(selector)!;
  setRect(el, rect);
  const { scrollLeft = 0, ...rest } = scroll;
  for (const [name, value] of Object.entries({ scrollLeft, ...rest }))
    Object.defineProperty(el, name, { configurable: true, value });
  return el;
}

/** Switches `document.visibilityState` and fires `visibilitychange`, as a tab switch or unload does. */
export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}

/** Collects emitted events. */
export function collector<E>(): { emit: (e: E) => void; events: E[] } {
  const events: E[] = [];
  return { emit: (e) => events.push(e), events };
}

/** Resets the DOM and mocks between tests. */
export function resetDom(): void {
  document.body.innerHTML = '';
  setDocSize(1000, 4000);
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  vi.restoreAllMocks();
}

/** Gives each test of the file an empty page, empty sessionStorage and fake timers starting at `now`. */
export function freshPageEachTest(now: number): void {
  beforeEach(() => {
    resetDom();
    vi.useFakeTimers({ now });
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());
}
