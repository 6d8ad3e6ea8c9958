import { parseSelector, resolveSelector } from '@heatlens/schema/selector';
import fc from 'fast-check';
import { beforeEach, describe, expect, test } from 'vitest';
import { resetDom } from '../test-support/dom.js';
import { selectorOf } from './selector-of.js';

beforeEach(resetDom);

/** The contract of every emitted selector: of the grammar, within the cap, and naming its own element. */
function expectOwn(el: Element): string {
  const sel = selectorOf(el);
  expect(sel, el.outerHTML.slice(0, 120)).toBeTypeOf('string');
  expect(parseSelector(sel!), sel).not.toBeNull();
  expect(resolveSelector(sel!, document), sel).toBe(el);
  return sel!;
}

const $ = (s: string) => document.querySelector(s)!;

describe('selectorOf', () => {
  test('leaves out state classes a page toggles (`.active`, `.show`, `is-open`): names it in any state', () => {
    // A ScrollSpy nav link clicked while active was recorded as `a.nav-link.active`, and the overlay
    // drew its clicks on whichever link was active when the owner looked.
    document.body.innerHTML = `
      <ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="#about">About</a></li>
      <li class="nav-item"><a class="nav-link active" href="#contact">Contact</a></li></ul>
      <div class="menu"><button class="toggle is-open show">Menu</button><button class="toggle">Other</button></div>`;
    const contact = $('a.active');
    const sel = expectOwn(contact);
    expect(sel).not.toMatch(/active/);
    contact.classList.remove('active');
    $('a').classList.add('active'); // the page scrolled back up: About is the active one now
    expect(resolveSelector(sel, document)).toBe(contact);
    const menu = $('button.is-open');
    const menuSel = expectOwn(menu);
    expect(menuSel).not.toMatch(/is-open|show/);
    menu.classList.remove('is-open', 'show');
    expect(resolveSelector(menuSel, document)).toBe(menu);
  });
  test('prefers what survives deploys: stable id, test ids, name, aria-label, link path, as attribute equality', () => {
    document.body.innerHTML = `
      <main><div class="card"><button data-testid="add-to-cart" class="btn">Add</button></div>
      <form><input name="email"><button aria-label="Close dialog">x</button></form>
      <nav><a href="/product/7">Seven</a><a href="/product/8?token=secret">Eight</a></nav>
      <p>intro</p><section id="reviews"><p>hi</p></section></main>`;
    expect(expectOwn($('[data-testid]'))).toBe('button[data-testid="add-to-cart"]');
    expect(expectOwn($('input'))).toBe('input[name="email"]');
    expect(expectOwn($('[aria-label]'))).toBe('button[aria-label="Close dialog"]');
    expect(expectOwn($('a'))).toBe('a[href="/product/7"]');
    // A query may carry personal data: never part of a selector.
    expect(expectOwn($('a:nth-of-type(2)'))).not.toMatch(/secret|token/);
    expect(expectOwn($('#reviews>p'))).toBe('section#reviews>p');
  });

  test('skips generated class names, attributes and ids: one selector across two deploys', () => {
    const deploy = (h: [string, string, string, string]) => {
      document.body.innerHTML =
        `
        <div class="${h[0]} Layout_main__${h[1]}" data-v-${h[2]}="">
          <button class="css-${h[3]} Button_primary__${h[1]} sc-${h[2]} jss${h[2].length}42 svelte-${h[3]}" ` +
        `data-v-${h[2]}="" _ngcontent-${h[3]}-c12="">Buy</button>
          <button id="btn-${h[2]}" class="secondary">Later</button>
        </div>`;
      return [expectOwn($('button')), expectOwn($('button+button'))];
    };
    const a = deploy(['kYjWcM', 'aB12x', '7ba5bd90', '1q2w3e']);
    const b = deploy(['bZkfAO', 'Zx9Qp', '19f0c2d4', '9z8y7x']);
    expect(a).toEqual(b);
    expect(a.join()).not.toMatch(/css-|__|sc-|jss|svelte|data-v|ngcontent|kYjWcM|btn-/);
    expect(a.join()).not.toMatch(/\^=/);
  });

  test('adds :nth-of-type where siblings look alike', () => {
    document.body.innerHTML =
      `<ul class="list"><li><a class="x">1</a></li>` + `<li><a class="x">2</a></li><li><a class="x">3</a></li></ul>`;
    const sels = [...document.querySelectorAll('a')].map(expectOwn);
    expect(sels[2]).toMatch(/li:nth-of-type\(3\)>a/);
  });

  test('a selector too long for the cap drops what it cannot afford, never cuts a token', () => {
    const L = 'c' + 'x'.repeat(60);
    const branch = (k: string) =>
      `<div class="${L} ${k}"><div class="${L}"><div class="${L}"><div class="${L}"><span class="${L}">t</span>` +
      `</div></div></div></div>`;
    document.body.innerHTML = branch('a') + branch('b');
    const sel = expectOwn(document.querySelectorAll('span')[1]!);
    expect(sel.length).toBeLessThanOrEqual(256);
    expect(sel).toBe('div:nth-of-type(2)>div>div>div>span');
  });

  test('enters open shadow roots with >>>', () => {
    document.body.innerHTML = `<shop-cart id="cart"></shop-cart><shop-cart></shop-cart>`;
    for (const host of document.querySelectorAll('shop-cart')) {
      host.attachShadow({ mode: 'open' }).innerHTML =
        `<form><button class="pay">Pay</button><button class="pay">Later</button></form>`;
    }
    const inner = document.querySelectorAll('shop-cart')[1]!.shadowRoot!.querySelectorAll('button')[1]!;
    expect(expectOwn(inner)).toMatch(/^shop-cart:nth-of-type\(2\)>>>.*button.*:nth-of-type\(2\)$/);
    expect(expectOwn(document.querySelector('#cart')!.shadowRoot!.querySelector('button')!)).toMatch(
      /^shop-cart#cart>>>/,
    );
  });

  test('property: on generated pages, every element gets a selector of the grammar that resolves to it', () => {
    const TAGS = ['div', 'span', 'a', 'button', 'li', 'ul', 'section', 'p', 'input', 'x-card'];
    const ATTR = fc.record(
      {
        id: fc.constantFrom('a', 'main', '1st', 'css-1q2w3e', 'item-123456', 'a:b', 'x y'),
        class: fc
          .array(
            fc.constantFrom(
              'btn',
              'card',
              'active',
              'css-1q2w3e',
              'Button_primary__aB12x',
              'sc-bdVaJa',
              'kYjWcM',
              'a:b',
              '1st',
              'é',
            ),
            { maxLength: 3 },
          )
          .map((c) => c.join(' ')),
        'data-testid': fc.constantFrom('buy', 'buy', 'say "hi"', 'back\\slash'),
        name: fc.constantFrom('q', 'email'),
        'aria-label': fc.constantFrom('Close', 'Open menu', 'x'.repeat(300)),
        href: fc.constantFrom('/p/1', '/p/1', 'https://x.org/?q=1', '#top', 'rel/page.html'),
        'data-v-7ba5bd90': fc.constant(''),
      },
      { requiredKeys: [] },
    );
    type Node = { tag: string; attrs: Record<string, string>; shadow: boolean; kids: Node[] };
    const node = (depth: number): fc.Arbitrary<Node> =>
      fc.record({
        tag: fc.constantFrom(...TAGS),
        attrs: ATTR,
        shadow: fc.boolean(),
        kids: depth ? fc.array(node(depth - 1), { maxLength: 3 }) : fc.constant([]),
      });
    const tree = node(4);
    const build = (n: Node, parent: Element | ShadowRoot, depth: number) => {
      const el = document.createElement(n.tag);
      for (const [k, v] of Object.entries(n.attrs)) el.setAttribute(k, v);
      parent.append(el);
      const inside = n.shadow && n.tag == 'x-card' && !el.shadowRoot ? el.attachShadow({ mode: 'open' }) : el;
      if (depth < 5) for (const k of n.kids) build(k, inside, depth + 1);
    };
    const all = (root: Document | ShadowRoot): Element[] =>
      [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
    let named = 0;
    let unnamed = 0;
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (nodes) => {
        document.body.innerHTML = '';
        for (const n of nodes) build(n, document.body, 0);
        for (const el of new Set(all(document))) {
          if (el.getRootNode() == document) {
            if (
              el != document.documentElement &&
              el.localName != 'head' &&
              el.localName != 'body' &&
              !document.head.contains(el)
            )
              expectOwn(el);
            continue;
          }
          // Inside a shadow root the grammar cannot anchor a part at the root (no `:host>`): an
          // element a look-alike deeper in the same root precedes gets no selector; any it gets is its own.
          const sel = selectorOf(el);
          if (sel) expect(resolveSelector(sel, document), sel).toBe(el);
          if (sel) named++;
          else unnamed++;
        }
      }),
      { numRuns: 80 },
    );
    expect(named).toBeGreaterThan(unnamed * 4);
  }, 60_000);
});
