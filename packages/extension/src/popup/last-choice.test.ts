import { describe, expect, it } from 'vitest';
import { loadLastChoice, saveLastChoice, type Area } from './last-choice.js';

function memoryArea(): Area & { items: Record<string, unknown> } {
  const items: Record<string, unknown> = {};
  return {
    items,
    async get(k) {
      return k in items ? { [k]: items[k] } : {};
    },
    async set(more) {
      Object.assign(items, more);
    },
  };
}

describe('the popup remembers the last window and map per site', () => {
  it('gives back what was chosen on that site only', async () => {
    const area = memoryArea();
    expect(await loadLastChoice(area, 'shop')).toBeNull();
    await saveLastChoice(area, 'shop', { window: '1h', kind: 'click' });
    await saveLastChoice(area, 'blog', { window: '24h', kind: 'scroll' });
    expect(await loadLastChoice(area, 'shop')).toEqual({ window: '1h', kind: 'click' });
    expect(await loadLastChoice(area, 'blog')).toEqual({ window: '24h', kind: 'scroll' });
  });

  it('ignores a saved window the popup no longer offers', async () => {
    const area = memoryArea();
    area.items['popup:last:shop'] = { window: '7y', kind: 'click' };
    expect(await loadLastChoice(area, 'shop')).toBeNull();
  });
});
