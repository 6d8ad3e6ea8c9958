// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { readViewState, writeViewState } from './view-state.js';

describe('the view in the URL fragment', () => {
  beforeEach(() => history.replaceState(null, '', '/?q=1'));

  it('writes what differs from the defaults, keeps the query, and reads it back', () => {
    writeViewState({ site: 'shop', window: '1h', path: '/product/:id', kind: 'scroll', seg: 'm' });
    expect(location.search).toBe('?q=1');
    expect(new URLSearchParams(location.hash.slice(1)).get('path')).toBe('/product/:id');
    expect(readViewState()).toEqual({ site: 'shop', window: '1h', path: '/product/:id', kind: 'scroll', seg: 'm' });
  });

  it('leaves defaults out, and kind and segment out without a page', () => {
    writeViewState({ site: 'shop', window: '5m', path: '/', kind: 'click', seg: 'all' });
    expect(location.hash).toBe('#site=shop&path=%2F');
    writeViewState({ site: 'shop', window: '5m', path: '', kind: 'move', seg: 's' });
    expect(location.hash).toBe('#site=shop');
  });

  it('drops values a shared link may carry but the dashboard does not offer', () => {
    history.replaceState(null, '', '/#site=shop&window=2h&kind=hover&seg=xl&path=/a');
    expect(readViewState()).toEqual({ site: 'shop', path: '/a' });
  });

  it('opens a #window=30d link on 30 d (the default retention answers it)', () => {
    history.replaceState(null, '', '/#site=shop&window=30d');
    expect(readViewState()).toEqual({ site: 'shop', window: '30d' });
  });
});
