import { randomBytes } from 'node:crypto';
import { SITE_ID_PATTERN } from '@heatlens/schema';

/** What a capture id names: its site, its page (as `routeOf` gives it) and its key under the page. */
export type CaptureRef = { site: string; page: string; key: string };

const KEY = /^[A-Za-z0-9_-]{16}$/;
const SITE = new RegExp(SITE_ID_PATTERN);
/** Longest id accepted (a page key of `MAX_PATH` characters, up to 3 bytes each, in base64url fits). */
export const MAX_CAPTURE_ID = 4096;

/**
 * A new capture id: `<site>.<page as base64url>.<16 random base64url chars>`. The id carries its
 * site and page so `GET /api/captures/ID/image` can check the read token against the site before
 * any store read, and find the image with one read under the page's hash tag: no index lookup on
 * another Redis Cluster node. 96 random bits: ids are never reused, so an image can be cached for good.
 */
export function newCaptureId(site: string, page: string): { id: string; key: string } {
  const key = randomBytes(12).toString('base64url');
  return { id: captureIdOf(site, page, key), key };
}

/** The id of the capture stored under `key` of a site's page. */
export const captureIdOf = (site: string, page: string, key: string) =>
  `${site}.${Buffer.from(page, 'utf8').toString('base64url')}.${key}`;

/** The site, page and key an id names; undefined for anything `newCaptureId` cannot have made. */
export function parseCaptureId(id: string): CaptureRef | undefined {
  if (id.length > MAX_CAPTURE_ID) return undefined;
  const [site, page64, key, extra] = id.split('.');
  if (extra !== undefined || !site || !page64 || !key || !SITE.test(site) || !KEY.test(key)) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(page64)) return undefined;
  const page = Buffer.from(page64, 'base64url').toString('utf8');
  // One spelling per page: a page64 that decodes loosely (invalid UTF-8, stray bits) is refused.
  if (!page || Buffer.from(page, 'utf8').toString('base64url') !== page64) return undefined;
  return { site, page, key };
}
