import { describe, expect, it } from 'vitest';
import { member } from '../core/counters.js';
import { pageFigures, tally } from './figures.js';

describe('alert figures', () => {
  it('tallies events and clicks, rage and dead clicks per selector, from the counters fold writes', () => {
    const t = tally([
      ['ev', 10],
      [member('sel', '#buy'), 4],
      [member('sel', '#buy'), 1],
      [member('rsel', '#buy'), 3],
      [member('dsel', 'a:hover'), 2],
      ['pv', 5],
      [member('out', 'https://x.example/'), 1],
      [member('sel', '#gone'), 0],
      ['ev', -1],
    ]);
    expect(t).toEqual({
      events: 10,
      clicks: new Map([['#buy', 5]]),
      rage: new Map([['#buy', 3]]),
      dead: new Map([['a:hover', 2]]),
    });
  });

  it("turns a store's raw counters into the live window's and the hour's tallies", () => {
    const f = pageFigures({ page: '/cart', live: [['ev', 2]], hour: [['ev', 7]] });
    expect([f.page, f.live.events, f.hour.events]).toEqual(['/cart', 2, 7]);
  });
});
