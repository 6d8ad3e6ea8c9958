import { NOTICE_FORMATS, type NoticeFormat } from './escape-markup.js';
import { privateHost } from './webhook-address.js';
/**
 * Alert rules of one site, as written in its sites entry under `alerts`. Every field is optional;
 * a site that names no rule gets `rage` and `dead` with their defaults. `webhook` is a secret:
 * error messages never repeat it.
 */
export type SiteAlerts = {
  /** http(s) URL that receives a POST per notification; unset: alerts show on the dashboard only */
  webhook?: string;
  rage?: ClickRule;
  dead?: ClickRule;
  quiet?: QuietRule;
  spike?: SpikeRule;
  /** after a `resolved`, the same (rule, page, element) stays silent this long; default 600,000 ms */
  cooldownMs?: number;
  /** markup the receiver renders `text` in (escape-markup.ts); default 'slack' */
  format?: NoticeFormat;
  /**
   * let `webhook` reach loopback, link-local (cloud metadata), private or unspecified addresses;
   * default false: such a webhook is refused at load and at each delivery (webhook-address.ts)
   */
  allowPrivateWebhook?: boolean;
};

/**
 * `rage` / `dead`: rage or dead clicks on one element (selector) in the live window reach `min`
 * and either `share` of that element's clicks or `multiple` times their rate over the rest of
 * the hour.
 */
export type ClickRule = {
  /** default 5 */
  min?: number;
  /** 0..1; default 0.3 */
  share?: number;
  /** default 3 */
  multiple?: number;
};

/**
 * `quiet`: a page (`scope: 'page'`) or the whole site (`'site'`) whose usual traffic (events per
 * 5 minutes over the rest of the hour) is at least `min` gets at most `below` times that in the
 * live window.
 */
export type QuietRule = {
  /** default 'page' */
  scope?: 'page' | 'site';
  /** usual events per 5 minutes that count as steady traffic; default 30 */
  min?: number;
  /** 0..1; default 0.1 */
  below?: number;
};

/** `spike`: a page's events in the live window reach `min` and `multiple` times its usual rate. */
export type SpikeRule = {
  /** default 100 */
  min?: number;
  /** default 5 */
  multiple?: number;
};

/** A site's rules with every default filled in; a rule left out is undefined. */
export type Rules = {
  webhook?: string;
  rage?: Required<ClickRule>;
  dead?: Required<ClickRule>;
  quiet?: Required<QuietRule>;
  spike?: Required<SpikeRule>;
  cooldownMs: number;
  format: NoticeFormat;
  allowPrivateWebhook: boolean;
};

export const CLICK_DEFAULTS: Required<ClickRule> = { min: 5, share: 0.3, multiple: 3 };
export const QUIET_DEFAULTS: Required<QuietRule> = { scope: 'page', min: 30, below: 0.1 };
export const SPIKE_DEFAULTS: Required<SpikeRule> = { min: 100, multiple: 5 };
export const DEFAULT_COOLDOWN_MS = 600_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkKeys(v: Record<string, unknown>, allowed: readonly string[], at: string) {
  for (const k of Object.keys(v))
    if (!allowed.includes(k))
      throw new TypeError(`${at}.${k} is not a known field (expected one of ${allowed.join(', ')})`);
}

function checkNumber(v: Record<string, unknown>, k: string, at: string, min: number, max = Infinity) {
  if (v[k] === undefined) return;
  const n = v[k];
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max) {
    throw new TypeError(`${at}.${k} must be a number from ${min}${max === Infinity ? '' : ` to ${max}`}`);
  }
}

function checkRule(v: unknown, at: string, fields: Record<string, [number, number]>, extra: string[] = []) {
  if (!isObject(v)) throw new TypeError(`${at} must be an object`);
  checkKeys(v, [...Object.keys(fields), ...extra], at);
  for (const [k, [min, max]] of Object.entries(fields)) checkNumber(v, k, at, min, max);
}

/**
 * Check a site's `alerts` entry; throws a TypeError naming the first bad field (`at` is its
 * position, e.g. `sites[0].alerts`). The webhook URL itself never appears in a message.
 */
export function checkAlerts(v: unknown, at: string): SiteAlerts {
  if (!isObject(v)) throw new TypeError(`${at} must be an object`);
  checkKeys(v, ['webhook', 'rage', 'dead', 'quiet', 'spike', 'cooldownMs', 'format', 'allowPrivateWebhook'], at);
  if (v.format !== undefined && !NOTICE_FORMATS.includes(v.format as NoticeFormat))
    throw new TypeError(`${at}.format must be one of ${NOTICE_FORMATS.join(', ')}`);
  if (v.allowPrivateWebhook !== undefined && typeof v.allowPrivateWebhook !== 'boolean')
    throw new TypeError(`${at}.allowPrivateWebhook must be true or false`);
  if (v.webhook !== undefined) {
    const webhook = typeof v.webhook === 'string' ? v.webhook : '';
    let ok = false;
    try {
      const u = new URL(webhook);
      ok = u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      // not a URL at all: `ok` stays false
    }
    if (!ok) throw new TypeError(`${at}.webhook must be an http(s) URL`);
    if (v.allowPrivateWebhook !== true && privateHost(new URL(webhook).hostname))
      throw new TypeError(
        `${at}.webhook points to a loopback, link-local or private address; set ${at}.allowPrivateWebhook to allow it`,
      );
  }
  const click = { min: [1, 1e9], share: [0, 1], multiple: [1, 1e6] } as Record<string, [number, number]>;
  if (v.rage !== undefined) checkRule(v.rage, `${at}.rage`, click);
  if (v.dead !== undefined) checkRule(v.dead, `${at}.dead`, click);
  if (v.quiet !== undefined) {
    checkRule(v.quiet, `${at}.quiet`, { min: [1, 1e9], below: [0, 1] }, ['scope']);
    const scope = (v.quiet as Record<string, unknown>).scope;
    if (scope !== undefined && scope !== 'page' && scope !== 'site')
      throw new TypeError(`${at}.quiet.scope must be "page" or "site"`);
  }
  if (v.spike !== undefined) checkRule(v.spike, `${at}.spike`, { min: [1, 1e9], multiple: [1, 1e6] });
  checkNumber(v, 'cooldownMs', at, 0, 7 * 24 * 3600_000);
  return v;
}

/** A checked `alerts` entry with its defaults: no rule named means `rage` and `dead`. */
export function resolveRules(a: SiteAlerts): Rules {
  const named = a.rage || a.dead || a.quiet || a.spike;
  return {
    webhook: a.webhook,
    rage: a.rage || !named ? { ...CLICK_DEFAULTS, ...a.rage } : undefined,
    dead: a.dead || !named ? { ...CLICK_DEFAULTS, ...a.dead } : undefined,
    quiet: a.quiet ? { ...QUIET_DEFAULTS, ...a.quiet } : undefined,
    spike: a.spike ? { ...SPIKE_DEFAULTS, ...a.spike } : undefined,
    cooldownMs: a.cooldownMs ?? DEFAULT_COOLDOWN_MS,
    format: a.format ?? 'slack',
    allowPrivateWebhook: a.allowPrivateWebhook ?? false,
  };
}
