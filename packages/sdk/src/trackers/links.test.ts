import type { DownloadEvent, OutboundEvent } from '@heatlens/schema';
import { beforeEach, describe, expect, test } from 'vitest';
import { collector, mouse, resetDom } from '../test-support/dom.js';
import { trackDownloads } from './downloads.js';
import { trackOutbound } from './outbound.js';

beforeEach(() => {
  resetDom();
  document.body.innerHTML = `
    <a id="pdf" href="/files/guide.PDF?session=secret"><span>Guide</span></a>
    <a id="attr" href="/export" download>Export</a>
    <a id="page" href="/product/7">Product</a>
    <a id="out" href="https://other.example/path?q=secret#x">Elsewhere</a>
    <a id="mail" href="mailto:me@example.com">Mail</a>`;
  // keep happy-dom from navigating
  document.addEventListener('click', (e) => e.preventDefault());
});

const click = (id: string, type = 'click') =>
  mouse(document.querySelector(`#${id}`)!.firstElementChild ?? document.querySelector(`#${id}`)!, type);
const origin = new URL(location.href).origin;

describe('trackDownloads', () => {
  test('links to files and links with a download attribute, without query or hash; middle clicks too', () => {
    const { emit, events } = collector<DownloadEvent>();
    const stop = trackDownloads(emit);
    for (const id of ['pdf', 'attr', 'page', 'out', 'mail']) click(id);
    click('pdf', 'auxclick');
    expect(events.map((e) => e.url)).toEqual([
      `${origin}/files/guide.PDF`,
      `${origin}/export`,
      `${origin}/files/guide.PDF`,
    ]);
    stop();
  });

  test('the extensions are configurable', () => {
    const { emit, events } = collector<DownloadEvent>();
    const stop = trackDownloads(emit, { extensions: 'txt' });
    click('pdf');
    expect(events).toHaveLength(0);
    stop();
  });
});

describe('trackOutbound', () => {
  test('http(s) links to another host only, without query or hash', () => {
    const { emit, events } = collector<OutboundEvent>();
    const stop = trackOutbound(emit);
    for (const id of ['pdf', 'attr', 'page', 'out', 'mail']) click(id);
    expect(events.map((e) => e.url)).toEqual(['https://other.example/path']);
    stop();
  });
});
