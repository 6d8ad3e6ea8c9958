import type { MediaEvent } from '@heatlens/schema';
import { beforeEach, describe, expect, test } from 'vitest';
import { collector, resetDom } from '../test-support/dom.js';
import { trackMedia } from './media.js';

beforeEach(resetDom);

function media(tag: 'video' | 'audio') {
  const m = document.createElement(tag);
  Object.defineProperty(m, 'currentSrc', { value: 'https://cdn.example/clip.mp4?token=secret#t=1' });
  Object.defineProperty(m, 'duration', { value: 100 });
  let t = 0;
  Object.defineProperty(m, 'currentTime', { get: () => t });
  document.body.append(m);
  const fire = (type: string) => m.dispatchEvent(new Event(type));
  return { m, fire, at: (s: number) => ((t = s), fire('timeupdate')) };
}

describe('trackMedia', () => {
  test('play, quartiles and completion once each per play-through; the source without query', () => {
    const { fire, at } = media('video');
    const { emit, events } = collector<MediaEvent>();
    const stop = trackMedia(emit);
    fire('play');
    at(10);
    at(26);
    fire('pause');
    fire('play'); // resume: same play-through
    at(30);
    at(80); // a seek past two quartiles counts both
    at(100);
    fire('ended');
    at(100); // a late timeupdate after the end adds nothing
    expect(events.map((e) => e.action)).toEqual(['play', 'p25', 'p50', 'p75', 'complete']);
    expect(events.every((e) => e.kind == 'video' && e.src == 'https://cdn.example/clip.mp4')).toBe(true);
    fire('play'); // replay: a new play-through
    at(50);
    expect(events.map((e) => e.action).slice(5)).toEqual(['play', 'p25', 'p50']);
    stop();
  });

  test('audio elements are tracked separately from video', () => {
    const v = media('video');
    const a = media('audio');
    const { emit, events } = collector<MediaEvent>();
    const stop = trackMedia(emit);
    v.fire('play');
    a.fire('play');
    expect(events.map((e) => e.kind)).toEqual(['video', 'audio']);
    stop();
  });
});
