import { randomBytes } from 'node:crypto';
import { READ_TOKEN_PATTERN, SITE_ID_PATTERN } from '@heatlens/schema';
import { checkMasks } from './site-masks.js';
import { checkAlerts } from './alerts/rules.js';
import { checkSiteLimits } from './site-limits.js';
import { checkRetentionDays } from './core/retention.js';
import type { SiteConfig } from './config-options.js';

// The sites of the sites file (HEATLENS_SITES) checked, and the demo site used when there are none.

const siteId = new RegExp(SITE_ID_PATTERN);
const token = new RegExp(READ_TOKEN_PATTERN);
const origin = /^https?:\/\/[^/\s?#]+$|^(chrome|moz)-extension:\/\/[^/\s?#]+$/;

/** Check a list of sites; throws a TypeError naming the first problem. */
export function validateSites(sites: unknown): SiteConfig[] {
  if (!Array.isArray(sites) || sites.length === 0) throw new TypeError('sites must be a non-empty array');
  const ids = new Set<string>();
  sites.forEach((s: Partial<SiteConfig> | null, i) => {
    const at = `sites[${i}]`;
    if (!s || typeof s !== 'object') throw new TypeError(`${at} must be an object`);
    if (typeof s.id !== 'string' || !siteId.test(s.id)) throw new TypeError(`${at}.id must match ${SITE_ID_PATTERN}`);
    if (ids.has(s.id)) throw new TypeError(`${at}.id "${s.id}" is not unique`);
    ids.add(s.id);
    if (!Array.isArray(s.origins) || s.origins.length === 0)
      throw new TypeError(`${at}.origins must be a non-empty array`);
    for (const o of s.origins) {
      if (o !== '*' && (typeof o !== 'string' || !origin.test(o)))
        throw new TypeError(`${at}.origins: "${String(o)}" is not scheme://host[:port] or *`);
    }
    if (typeof s.readToken !== 'string' || !token.test(s.readToken))
      throw new TypeError(`${at}.readToken must match ${READ_TOKEN_PATTERN}`);
    if (
      s.routes !== undefined &&
      (!Array.isArray(s.routes) || s.routes.some((r) => typeof r !== 'string' || !r.startsWith('/')))
    ) {
      throw new TypeError(`${at}.routes must be an array of paths starting with /`);
    }
    if (s.alerts !== undefined) checkAlerts(s.alerts, `${at}.alerts`);
    if (s.masks !== undefined) checkMasks(s.masks, `${at}.masks`);
    if (s.limits !== undefined) checkSiteLimits(s.limits, `${at}.limits`);
    checkRetentionDays(s.retentionDays, at, s.id);
  });
  return sites as SiteConfig[];
}

/**
 * The site used when none are configured: any origin, a fresh read token (printed at start), and
 * the default alert rules without a webhook (alerts show on the dashboard).
 */
export function demoSite(): SiteConfig {
  return {
    id: 'demo',
    origins: ['*'],
    readToken: randomBytes(18).toString('base64url'),
    routes: ['/product/:id'],
    alerts: {},
  };
}
