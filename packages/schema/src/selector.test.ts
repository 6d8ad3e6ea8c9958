import { describe, expect, it } from 'vitest';
import { parseSelector } from './selector.js';

describe('parseSelector', () => {
  it('accepts what the SDK emits: tags, ids, classes, attribute equality, child combinators, nth-of-type', () => {
    expect(parseSelector('a#buy')).toEqual(['a#buy']);
    expect(parseSelector('main>div.card.x>button[data-testid="add-to-cart"]')).not.toBeNull();
    expect(parseSelector('ul>li:nth-of-type(3)>a[href="/product/7"]')).not.toBeNull();
    expect(parseSelector(String.raw`div#\31 23>span.a\:b`)).not.toBeNull();
  });
  it('splits at shadow-root boundaries', () => {
    expect(parseSelector('shop-cart#c>>>form>button.pay')).toEqual(['shop-cart#c', 'form>button.pay']);
  });
  it('refuses what could be slow or is not of the grammar', () => {
    for (const bad of [
      ':has(* * b)',
      'div b',
      'div>*',
      'a[href^=""]',
      'a:hover',
      'a,b',
      'a~b',
      'a+b',
      '',
      'a>b>c>d>e>f>g>h>i',
      'a'.repeat(257),
      'A#x',
    ])
      expect(parseSelector(bad), bad).toBeNull();
  });
});
