// @vitest-environment happy-dom
import type { Setup } from '@heatlens/schema';
import { describe, expect, it } from 'vitest';
import { renderSetupPanel } from './setup-panel.js';

const none = { count: 0, top: [], other: 0 };
const setup = (refused: Partial<Setup['refused']>, lastAccepted: number | null = null): Setup => ({
  site: 'demo',
  windowMs: 3_600_000,
  to: Date.now(),
  lastAccepted,
  refused: { unknown_site: none, origin: none, invalid: none, rate_limited: none, ...refused },
});
const site = { id: 'demo', origins: ['http://127.0.0.1:8081'] };

describe('renderSetupPanel', () => {
  it('a refused origin: how many in the last hour, the origin, the allowed ones and what to do', () => {
    const el = renderSetupPanel(
      setup({ origin: { count: 12, top: [{ detail: 'http://localhost:8081', count: 12 }], other: 0 } }),
      site,
    );
    const li = el.querySelector('[data-reason="origin"]')!;
    expect(li.textContent).toContain('12 batches refused in the last hour: origin not allowed');
    expect(li.textContent).toContain('Sent from http://localhost:8081 (12)');
    expect(li.textContent).toContain('site "demo" allows http://127.0.0.1:8081');
    expect(li.querySelector('.todo')!.textContent).toMatch(/Add the origin .* "origins"/);
    expect(el.textContent).toContain('No batch accepted for "demo" in the last 30 days');
    expect(el.dataset.refused).toBe('12');
  });

  it('a typo\u2019d site id, an invalid field and rate limits, each with its count and remedy', () => {
    const el = renderSetupPanel(
      setup(
        {
          unknown_site: { count: 3, top: [{ detail: 'Demo', count: 3 }], other: 0 },
          invalid: { count: 1, top: [{ detail: 'vw', count: 1 }], other: 2 },
          rate_limited: { count: 4, top: [], other: 0 },
        },
        Date.now(),
      ),
      site,
    );
    expect(el.querySelector('[data-reason="unknown_site"]')!.textContent).toContain('Set data-site="demo"');
    expect(el.querySelector('[data-reason="invalid"]')!.textContent).toContain('vw (1) (and 2 batches from others)');
    expect(el.querySelector('[data-reason="rate_limited"]')!.textContent).toContain('4 batches refused');
    expect(el.querySelector('[data-setup="last"]')).not.toBeNull();
  });

  it('nothing refused says so', () => {
    expect(renderSetupPanel(setup({}, Date.now()), site).textContent).toContain('No batch refused in the last hour.');
  });
});
