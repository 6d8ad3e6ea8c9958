import { describe, expect, it } from 'vitest';
import { validateSites } from '../config.js';
import { CLICK_DEFAULTS, checkAlerts, resolveRules } from './rules.js';

const site = (alerts: unknown) => [{ id: 'shop', origins: ['*'], readToken: 'shop-read-token-0123456789', alerts }];
const SECRET = 'https://hooks.example/services/T000/B000/very-secret';

describe('alert rules in the sites file', () => {
  it('gives a site that names only a webhook the rage and dead rules with their defaults', () => {
    expect(resolveRules(checkAlerts({ webhook: SECRET }, 'a'))).toEqual({
      webhook: SECRET,
      rage: CLICK_DEFAULTS,
      dead: CLICK_DEFAULTS,
      quiet: undefined,
      spike: undefined,
      cooldownMs: 600_000,
      format: 'slack',
      allowPrivateWebhook: false,
    });
  });

  it('runs exactly the rules named, each with its defaults under what is given', () => {
    const r = resolveRules(checkAlerts({ quiet: { below: 0.2 }, spike: {}, cooldownMs: 1000 }, 'a'));
    expect([r.rage, r.dead, r.quiet, r.spike, r.cooldownMs]).toEqual([
      undefined,
      undefined,
      { scope: 'page', min: 30, below: 0.2 },
      { min: 100, multiple: 5 },
      1000,
    ]);
  });

  it.each([
    [{ webhook: 'ftp://hooks.example/x' }, 'sites[0].alerts.webhook must be an http(s) URL'],
    [{ webhook: 42 }, 'sites[0].alerts.webhook must be an http(s) URL'],
    [{ rage: { share: 1.5 } }, 'sites[0].alerts.rage.share must be a number from 0 to 1'],
    [{ dead: { min: '5' } }, 'sites[0].alerts.dead.min must be a number from 1 to 1000000000'],
    [{ quiet: { scope: 'everywhere' } }, 'sites[0].alerts.quiet.scope must be "page" or "site"'],
    [{ spike: [] }, 'sites[0].alerts.spike must be an object'],
    [
      { rage: { minimum: 3 } },
      'sites[0].alerts.rage.minimum is not a known field (expected one of min, share, multiple)',
    ],
    [{ webook: SECRET }, 'sites[0].alerts.webook is not a known field'],
    [{ cooldownMs: -1 }, 'sites[0].alerts.cooldownMs must be a number from 0'],
    ['yes', 'sites[0].alerts must be an object'],
    [{ webhook: 'http://169.254.169.254/latest/meta-data' }, 'sites[0].alerts.webhook points to a loopback'],
    [{ webhook: 'http://[::1]:8080/x' }, 'set sites[0].alerts.allowPrivateWebhook to allow it'],
    [{ webhook: 'http://localhost/x', allowPrivateWebhook: 'yes' }, 'allowPrivateWebhook must be true or false'],
    [{ format: 'html' }, 'sites[0].alerts.format must be one of slack, markdown, plain'],
  ])('rejects %j naming the field', (alerts, message) => {
    expect(() => validateSites(site(alerts))).toThrow(message);
  });

  it('takes a loopback webhook when the site allows it explicitly', () => {
    expect(() => validateSites(site({ webhook: 'http://127.0.0.1:9/x', allowPrivateWebhook: true }))).not.toThrow();
  });

  it('never repeats the webhook URL in an error', () => {
    const bad = `${SECRET} with spaces`;
    expect(() => validateSites(site({ webhook: bad.replace('https', 'gopher') }))).toThrow(
      /webhook must be an http\(s\) URL$/,
    );
    try {
      validateSites(site({ webhook: 'gopher://hooks.example/very-secret' }));
    } catch (e) {
      expect((e as Error).message).not.toContain('very-secret');
    }
  });
});
