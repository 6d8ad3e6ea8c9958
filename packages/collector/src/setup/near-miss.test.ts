import { describe, expect, it } from 'vitest';
import { nearMiss } from './near-miss.js';

describe('nearMiss', () => {
  it('takes case, containment and up to two edits as a typo of the id', () => {
    expect(nearMiss('Demo', 'demo')).toBe(true);
    expect(nearMiss('demo-site', 'demo')).toBe(true);
    expect(nearMiss('deom', 'demo')).toBe(true);
    expect(nearMiss('my-shpo', 'my-shop')).toBe(true);
  });
  it('leaves other sites alone', () => {
    expect(nearMiss('blog', 'demo')).toBe(false);
    expect(nearMiss('abc', 'xyz')).toBe(false);
    expect(nearMiss('newsletter', 'demo')).toBe(false);
  });
});
