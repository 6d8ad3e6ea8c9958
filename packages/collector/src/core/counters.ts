import { boundKey, ELEMENT_GRID, MAX_ELEMENTS, MAX_URL } from '@heatlens/schema';
import { MAX_FAMILY_MEMBERS, MAX_MEMBER_CHARS } from './limits.js';

/*
 * The member codes of a page's counter set `c`, encoded and decoded here only (fold.ts writes them,
 * build-stats.ts reads them, the Lua scripts cap them by family).
 *
 * | member                    | counts                               |
 * |---------------------------|--------------------------------------|
 * | ev, pv, clk, rage, dead   | events, page views, clicks, rage, dead clicks |
 * | eng                       | engaged ms                           |
 * | sel:<selector>            | clicks per selector                  |
 * | rsel:<sel>, dsel:<sel>    | rage, dead clicks per selector (alert rules) |
 * | fs:<form>, fx:<form>      | form starts, submits                 |
 * | m:<kind>:<action>:<src>   | media actions per source             |
 * | dl:<url>, img:<src>       | downloads, image views               |
 * | out:<url>, cu:<name>      | outbound clicks, custom events       |
 * | ref:<source>              | page views by referrer host or utm_source, `(direct)`, `(internal)` |
 * | lang:<subtag>             | page views by primary language subtag |
 * | tz:<zone>, rg:<region>    | page views by IANA time zone, and the region it implies |
 * | scr:<class>               | page views by screen class (`l 1920x1080`) |
 *
 * Families hold a visitor's string, so each is capped per page, window and bucket: past the cap a
 * new string counts as the family's `(other)` member (`sel:(other)`, `m:video:play:(other)`). The
 * click set's per-element members (`e:...`) are capped the same way.
 */

/** Totals: members with no visitor string. */
export const TOTAL = { events: 'ev', views: 'pv', clicks: 'clk', rage: 'rage', dead: 'dead', engaged: 'eng' } as const;

/** Families of members that carry a visitor's string, with how many fixed fields precede it. */
export const FAMILIES = {
  sel: 0,
  rsel: 0,
  dsel: 0,
  fs: 0,
  fx: 0,
  m: 2,
  dl: 0,
  img: 0,
  out: 0,
  cu: 0,
  e: 0,
  ref: 0,
  lang: 0,
  tz: 0,
  rg: 0,
  scr: 0,
} as const;
export type Family = keyof typeof FAMILIES;

/**
 * Distinct members per family where the default (MAX_FAMILY_MEMBERS) does not fit: per-element
 * clicks (`e:cell:sel`, tile-members.ts) are one member per element and cell, so they get room for
 * the MAX_ELEMENTS elements the overlay shows, every cell each.
 */
export const FAMILY_CAPS: Partial<Record<Family, number>> = { e: MAX_ELEMENTS * ELEMENT_GRID * ELEMENT_GRID };

/** How many distinct members a family keeps per bucket or window. */
export const capOf = (family: Family) => FAMILY_CAPS[family] ?? MAX_FAMILY_MEMBERS;

/** The string standing for every member of a family past its cap. Has no valid URL or selector form. */
export const OTHER = '(other)';

/** Families whose strings are URLs (`normalizeSentUrl`'d): kept up to `MAX_URL`, as the SDK README says. */
const URL_FAMILIES = new Set<Family>(['dl', 'out', 'img', 'm', 'ref']);

/**
 * A visitor's string as stored: NFC, at most `max` UTF-16 units (MAX_MEMBER_CHARS; `MAX_URL` for
 * URLs); a longer one keeps a prefix cut at a character boundary (never inside a `%`-escape or a
 * surrogate pair) and a `~hash` of the whole, as the page key does (`boundKey`), so two long
 * strings that share a prefix stay two members.
 */
export function capString(s: string, max = MAX_MEMBER_CHARS): string {
  // Normalising is the slow part; ASCII is already NFC.
  // eslint-disable-next-line no-control-regex
  return boundKey(/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFC'), max);
}

/** The member of a family's string (and, for media, its kind and action). */
export function member(family: Family, value: string, ...fixed: string[]): string {
  const v = capString(value, URL_FAMILIES.has(family) ? MAX_URL : MAX_MEMBER_CHARS);
  return fixed.length ? `${family}:${fixed.join(':')}:${v}` : `${family}:${v}`;
}

/** The family key of a capped member (family and fixed fields, e.g. `m:video:play:`) and its cap, or undefined. */
export function familyOf(m: string): { key: string; cap: number } | undefined {
  const d = decode(m);
  if ('total' in d) return undefined;
  return { key: `${d.family}:${d.fixed.map((f) => `${f}:`).join('')}`, cap: capOf(d.family) };
}

/** The member counting a family (as familyOf gives it) past its cap. */
export const otherOf = (fam: string) => `${fam}${OTHER}`;

/** A decoded counter member: a total, or a family's string with its fixed fields. */
export type Decoded = { total: string } | { family: Family; fixed: string[]; value: string };

/** Decode a counter member; unknown families decode as totals (ignored by readers). */
export function decode(m: string): Decoded {
  const i = m.indexOf(':');
  if (i < 0) return { total: m };
  const family = m.slice(0, i);
  if (!(family in FAMILIES)) return { total: m };
  const fixed: string[] = [];
  let at = i + 1;
  for (let k = 0; k < FAMILIES[family as Family]; k++) {
    const j = m.indexOf(':', at);
    if (j < 0) return { total: m };
    fixed.push(m.slice(at, j));
    at = j + 1;
  }
  return { family: family as Family, fixed, value: m.slice(at) };
}

/**
 * Lua: `capFamily(member)` returns the member's family key (family and fixed fields) and its own
 * cap if it has one (else the script's CAP) when the member is capped, else nil; `otherOf(fam)` the
 * member counting that family past its cap.
 * Generated from FAMILIES.
 */
export const LUA_FAMILIES = `
local FIXED = {${Object.entries(FAMILIES)
  .map(([f, n]) => `['${f}']=${n}`)
  .join(',')}}
local FAMCAP = {${Object.entries(FAMILY_CAPS)
  .map(([f, n]) => `['${f}']=${n}`)
  .join(',')}}
local function capFamily(m)
  local i = string.find(m, ':', 1, true)
  if not i then return nil end
  local name = string.sub(m, 1, i - 1)
  local n = FIXED[name]
  if not n then return nil end
  local at = i + 1
  for _ = 1, n do
    local j = string.find(m, ':', at, true)
    if not j then return nil end
    at = j + 1
  end
  return string.sub(m, 1, at - 1), FAMCAP[name]
end
local function otherOf(fam) return fam .. '${OTHER}' end
`;
