import type { SavedView } from '@heatlens/schema';
import { expect, it } from 'vitest';
import type { ContractParts } from './fixtures.js';
import { SavedFullError, type StoredShare } from '../views-types.js';

const move = (x: number, y: number) => ({ type: 'move' as const, x, y, w: 1000, h: 5000 });
const DAY = 24 * 3600_000;
let n = 0;
/** A saved id of `site` (`<site>.<22 chars>`), distinct per call. */
const idOf = (site: string) => `${site}.${String(++n).padStart(22, 'v')}`;

/**
 * The saved views, links and previous-period part of the store contract (called inside
 * `describeStore`): views frozen and bounded per site, links kept hashed, revoked and expired,
 * and the period before a window read from the stored buckets.
 */
export function describeViews(t: ContractParts) {
  const { fresh, folded, now } = t;
  const q = (site: string) => ({
    site,
    page: '/',
    kind: 'move' as const,
    seg: 'all' as const,
    window: '5m' as const,
    now,
  });
  const freeze = async (site: string, name = 'before', savedAt = now): Promise<SavedView> => ({
    ...(await t.store().snapshot(q(site))),
    id: idOf(site),
    name,
    window: '5m',
    savedAt,
    captureId: null,
  });

  it('keeps a saved view exactly as it was, whatever traffic comes after', async () => {
    const site = fresh();
    await t.store().record(folded([move(10, 10), move(10, 10), move(500, 2500)], { site }));
    const view = await freeze(site);
    expect(view.total).toBe(3);
    await t.store().views.saveView(view, { now, max: 10, ttlMs: DAY });
    await t.store().record(folded([move(10, 10), move(900, 100), move(900, 100)], { site }));
    expect((await t.store().snapshot(q(site))).total).toBe(6);
    expect(await t.store().views.getView(view.id, now)).toEqual(view);
  });

  it('lists a site views newest first with their page, and only that site', async () => {
    const site = fresh();
    const other = fresh();
    await t.store().record(folded([move(1, 1)], { site }));
    const a = await freeze(site, 'a', now - 2000);
    const b = await freeze(site, 'b', now - 1000);
    for (const v of [a, b]) await t.store().views.saveView(v, { now, max: 10, ttlMs: DAY });
    await t.store().views.saveView(await freeze(other, 'theirs'), { now, max: 10, ttlMs: DAY });
    const listed = await t.store().views.listViews(site, now);
    expect(listed.map((v) => [v.name, v.path, v.total, v.kind, v.seg, v.window])).toEqual([
      ['b', '/', 1, 'move', 'all', '5m'],
      ['a', '/', 1, 'move', 'all', '5m'],
    ]);
    expect(await t.store().views.deleteView(a.id)).toBe(true);
    expect(await t.store().views.deleteView(a.id)).toBe(false);
    expect(await t.store().views.getView(a.id, now)).toBeUndefined();
    expect((await t.store().views.listViews(site, now)).map((v) => v.id)).toEqual([b.id]);
  });

  it('bounds the saved views of a site, and a deleted one frees its place', async () => {
    const site = fresh();
    const views = await Promise.all([0, 1, 2].map((i) => freeze(site, `v${i}`)));
    for (const v of views) await t.store().views.saveView(v, { now, max: 3, ttlMs: DAY });
    const extra = await freeze(site, 'one too many');
    await expect(t.store().views.saveView(extra, { now, max: 3, ttlMs: DAY })).rejects.toThrow(SavedFullError);
    await t.store().views.saveView(await freeze(fresh(), 'other site'), { now, max: 3, ttlMs: DAY });
    await t.store().views.deleteView(views[0]!.id);
    await t.store().views.saveView(extra, { now, max: 3, ttlMs: DAY });
    expect(await t.store().views.listViews(site, now)).toHaveLength(3);
  });

  const share = (site: string, o: Partial<StoredShare> = {}): StoredShare => ({
    id: idOf(site),
    site,
    viewId: idOf(site),
    expiresAt: now + DAY,
    createdAt: now,
    hash: 'ab'.repeat(32),
    ...o,
  });

  it('keeps a link with its hash until revoked, then as revoked (for its 404), no longer listed', async () => {
    const site = fresh();
    const s = share(site);
    await t.store().views.saveShare(s, { now, max: 5 });
    expect(await t.store().views.getShare(s.id, now)).toEqual(s);
    expect((await t.store().views.listShares(site, now)).map((x) => x.id)).toEqual([s.id]);
    expect(await t.store().views.revokeShare(s.id, now + 1)).toBe(true);
    expect(await t.store().views.revokeShare(s.id, now + 2)).toBe(false);
    expect(await t.store().views.getShare(s.id, now + 3)).toEqual({ ...s, revokedAt: now + 1 });
    expect(await t.store().views.listShares(site, now + 3)).toEqual([]);
  });

  it('bounds the live links of a site; revoked and expired ones do not count', async () => {
    const site = fresh();
    const soon = share(site, { expiresAt: now + 1000 });
    const revoked = share(site);
    const kept = share(site);
    for (const s of [soon, revoked, kept]) await t.store().views.saveShare(s, { now, max: 3 });
    await expect(t.store().views.saveShare(share(site), { now, max: 3 })).rejects.toThrow(SavedFullError);
    await t.store().views.revokeShare(revoked.id, now);
    await t.store().views.saveShare(share(site), { now, max: 3 });
    await expect(t.store().views.saveShare(share(site), { now, max: 3 })).rejects.toThrow(SavedFullError);
    // `soon` has expired at now + 2 s: its place is free, and it is still found (for its 404)
    await t.store().views.saveShare(share(site), { now: now + 2000, max: 3 });
    expect((await t.store().views.listShares(site, now + 2000)).map((s) => s.id)).not.toContain(soon.id);
    expect(await t.store().views.getShare(soon.id, now + 2000)).toMatchObject({ id: soon.id });
  });

  it('reads the period before a window from the stored buckets, and none before the longest', async () => {
    const site = fresh();
    await t.store().record(folded([move(10, 10), move(10, 10)], { site, ago: 7 * 60_000 }));
    await t.store().record(folded([move(990, 10)], { site, ago: 20 * 60_000 }));
    await t.store().record(folded([move(500, 500)], { site }));
    const prev = (await t.store().previous(q(site)))!;
    expect(prev.tiles).toEqual([[0, 0, 2]]);
    expect(prev.to - prev.from).toBe(5 * 60_000);
    expect(prev.to).toBeLessThanOrEqual((await t.store().snapshot(q(site))).from);
    const hourBefore = (await t.store().previous({ ...q(site), window: '1h' }))!;
    expect(hourBefore.total).toBe(0);
    await expect(t.store().previous({ ...q(site), window: '30d' })).resolves.toBeUndefined();
  });
}
