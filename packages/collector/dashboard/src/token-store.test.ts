// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearToken, loadToken, saveToken } from './token-store.js';

describe('the read token in this browser', () => {
  beforeEach(() => {
    localStorage.clear();
    history.replaceState(null, '', '/');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('takes a #token= link once: saves it and removes it from the address bar, keeping the view', () => {
    history.replaceState(null, '', '/?x=1#token=abc-0123456789abcdef&site=shop');
    expect(loadToken()).toBe('abc-0123456789abcdef');
    expect(location.href).toMatch(/\/\?x=1#site=shop$/);
    expect(localStorage.getItem('heatlens.readToken')).toBe('abc-0123456789abcdef');
    expect(loadToken()).toBe('abc-0123456789abcdef');
  });

  it('leaves no empty # behind when the token was all the fragment held', () => {
    history.replaceState(null, '', '/#token=t');
    loadToken();
    expect(location.hash).toBe('');
  });

  it('forgets the token on sign-out', () => {
    saveToken('t1');
    clearToken();
    expect(loadToken()).toBeUndefined();
  });

  it('works without storage: nothing saved, nothing thrown', () => {
    const refuse = () => {
      throw new Error('SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: refuse, setItem: refuse, removeItem: refuse });
    expect(() => saveToken('t')).not.toThrow();
    expect(loadToken()).toBeUndefined();
    expect(() => clearToken()).not.toThrow();
  });
});
