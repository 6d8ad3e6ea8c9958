import { describe, expect, it } from 'vitest';
import type { ElementBox } from './heat-points.js';
import { hoverBox } from './hover-box.js';

const box = (sel: string, x: number, y: number, w: number, h: number, hidden = false): ElementBox => ({
  sel,
  count: 1,
  points: [],
  rect: { x, y, w, h },
  hidden,
});

describe('hoverBox', () => {
  const card = box('.card', 0, 0, 300, 200);
  const button = box('.card>button', 20, 150, 80, 30);
  const closed = box('.menu', 0, 0, 400, 400, true);

  it('finds the smallest drawn box under the pointer', () => {
    expect(hoverBox([card, button, closed], 50, 160)?.sel).toBe('.card>button');
    expect(hoverBox([button, card], 200, 50)?.sel).toBe('.card');
  });

  it('finds none off every box, and never a hidden one', () => {
    expect(hoverBox([card, button], 350, 50)).toBeNull();
    expect(hoverBox([closed], 350, 50)).toBeNull();
  });
});
