import { describe, expect, it } from 'vitest';
import {
  DIRECT,
  INTERNAL,
  hostOf,
  languageOf,
  ownHosts,
  referrerHost,
  referrerSource,
  regionOf,
  screenOf,
  timeZoneOf,
} from './sources.js';

describe('referrerHost', () => {
  it.each([
    ['https://news.ycombinator.com/item?id=1', 'news.ycombinator.com'],
    ['https://www.google.com/search', 'google.com'],
    ['http://WWW.Example.ORG:8080/a', 'example.org:8080'],
    ['https://www2.example.org/', 'www2.example.org'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['android-app://com.google.android.gm/', 'android-app://com.google.android.gm'],
    ['ANDROID-APP://com.slack/https/slack.com', 'android-app://com.slack'],
    ['ios-app://12345/x', 'ios-app://12345'],
    ['android-app:', 'android-app:'],
  ])('%s -> %s', (ref, host) => expect(referrerHost(ref)).toBe(host));

  it.each([
    '',
    'not a url',
    'null/',
    '/relative/path',
    'about:blank',
    'mailto:a@b.example',
    'data:text/html',
    'https:',
    'javascript:alert(1)',
    'https://',
    `https://${'a'.repeat(120)}.example/`,
  ])('drops %j', (ref) => expect(referrerHost(ref)).toBeUndefined());
});

describe('referrerSource', () => {
  const own = ownHosts(['https://shop.example', 'http://www.shop-old.example:8080', '*']);
  it("counts no referrer as direct and the site's own hosts as internal", () => {
    expect(referrerSource(undefined, '/', own)).toBe(DIRECT);
    expect(referrerSource('', '/', own)).toBe(DIRECT);
    expect(referrerSource('https://shop.example/cart', '/', own)).toBe(INTERNAL);
    expect(referrerSource('https://www.shop.example/cart', '/', own)).toBe(INTERNAL);
    expect(referrerSource('http://shop-old.example:8080/', '/', own)).toBe(INTERNAL);
    expect(referrerSource('https://shop-old.example/', '/', own)).toBe('shop-old.example'); // another port is another origin
    // A site open to any origin: the writing page's own host is internal.
    expect(referrerSource('http://127.0.0.1:5173/a', '/', new Set(), hostOf('http://127.0.0.1:5173'))).toBe(INTERNAL);
    expect(referrerSource('https://t.co/abc', '/', own)).toBe('t.co');
    expect(referrerSource('garbage', '/', own)).toBeUndefined();
  });
  it('prefers utm_source when the page sends its query string', () => {
    expect(referrerSource('https://www.google.com/', '/p?utm_source=Newsletter&utm_medium=email', own)).toBe(
      'newsletter',
    );
    expect(referrerSource(undefined, '/p?utm_source=', own)).toBe(DIRECT);
    expect(referrerSource('https://t.co/', '/p?q=1', own)).toBe('t.co');
    expect(referrerSource(undefined, `/p?utm_source=${'x'.repeat(200)}`, own)).toBe(DIRECT);
  });
  it('ignores origins that are not http(s)', () => {
    expect([...ownHosts(['*', 'chrome-extension://abc', 'https://www.a.example'])]).toEqual(['a.example']);
  });
});

describe('languageOf', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['en', 'en'],
    ['EN_us', 'en'],
    ['gsw-CH', 'gsw'],
    ['zh-Hant-TW', 'zh'],
  ])('%s -> %s', (l, p) => expect(languageOf(l)).toBe(p));
  it.each([undefined, '', '*', 'english', '1234', 'x-klingon', 'e'])('drops %j', (l) =>
    expect(languageOf(l)).toBeUndefined(),
  );
});

describe('time zone and region', () => {
  it.each([
    ['Europe/Lisbon', 'Europe/Lisbon', 'Europe'],
    ['America/Argentina/Buenos_Aires', expect.stringMatching(/^America\/(Argentina\/)?Buenos_Aires$/), 'America'],
    ['US/Eastern', 'America/New_York', 'America'],
    ['Australia/Sydney', 'Australia/Sydney', 'Australia'],
    ['Indian/Maldives', 'Indian/Maldives', 'Indian'],
    ['Pacific/Auckland', 'Pacific/Auckland', 'Pacific'],
    ['Africa/Lagos', 'Africa/Lagos', 'Africa'],
    ['UTC', 'UTC', undefined],
    ['Etc/GMT+3', 'Etc/GMT+3', undefined],
  ])('%s -> %s in %s', (tz, zone, region) => {
    const z = timeZoneOf(tz);
    expect(z).toEqual(zone);
    expect(regionOf(z!)).toBe(region);
  });
  it("gives Chrome's and Firefox's names of one zone one name", () => {
    expect(timeZoneOf('Asia/Kolkata')).toBe(timeZoneOf('Asia/Calcutta'));
  });
  it.each([
    undefined,
    '',
    'Mars/Olympus',
    'Europe/Atlantis',
    '../../etc/passwd',
    'Europe/Lisbon; DROP',
    'x'.repeat(65),
  ])('drops %j', (tz) => expect(timeZoneOf(tz)).toBeUndefined());
});

describe('screenOf', () => {
  it('gives the width segment and the size', () => {
    expect(screenOf(390, 844)).toBe('s 390x844');
    expect(screenOf(1024, 768)).toBe('m 1024x768');
    expect(screenOf(1920.4, 1080)).toBe('l 1920x1080');
    expect(screenOf(1920, undefined)).toBe('l 1920x0');
    expect(screenOf(undefined, 800)).toBeUndefined();
    expect(screenOf(0, 0)).toBeUndefined();
  });
});
