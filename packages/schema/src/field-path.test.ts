import { describe, expect, it } from 'vitest';
import { explainFirst, fieldPath } from './field-path.js';

describe('fieldPath', () => {
  it('spells array indexes in brackets and keys after dots, after the prefix', () => {
    expect(fieldPath('/events/3/x')).toBe('events[3].x');
    expect(fieldPath('/x', 'events[3]')).toBe('events[3].x');
    expect(fieldPath('/tiles/0/2', 'frame')).toBe('frame.tiles[0][2]');
    expect(fieldPath('/settings/kind', '', 'message')).toBe('settings.kind');
  });
  it('falls back to the prefix, then to the fallback, for the root', () => {
    expect(fieldPath('')).toBe('body');
    expect(fieldPath('', 'frame')).toBe('frame');
    expect(fieldPath('', '', 'message')).toBe('message');
  });
});

describe('explainFirst', () => {
  it('names the field and quotes the validator, or says invalid when it named nothing', () => {
    expect(explainFirst({ path: '/events/0/ts', message: 'Expected number' })).toBe('events[0].ts: Expected number');
    expect(explainFirst(undefined, 'frame')).toBe('frame: invalid');
    expect(explainFirst(undefined, '', 'message')).toBe('message: invalid');
  });
});
