// Issue 30 (2): Redis time per live hop of a long watched page, read whole (advance, then the
// snapshot, as the hub did) against windowChanges (what moved since the last hop), same run, same
// traffic, on two identical pages of one Redis. See bench/lib/hop-sim.mjs.
import { register } from 'tsx/esm/api';
import { redis } from '../lib/deps.mjs';

/** ctx: {quick, tiny, redis: {url}, admin}. Resolves to simulateHops' figures. */
export async function runHop(ctx) {
  register();
  const { simulateHops } = await import('../lib/hop-sim.mjs');
  const client = await redis
    .createClient({ url: ctx.redis.url })
    .on('error', () => {})
    .connect();
  const [threshold, len] = await Promise.all([
    ctx.admin.configGet('slowlog-log-slower-than'),
    ctx.admin.configGet('slowlog-max-len'),
  ]);
  await ctx.admin.configSet({ 'slowlog-log-slower-than': '0', 'slowlog-max-len': '10000' });
  try {
    return await simulateHops({
      client,
      admin: ctx.admin,
      hops: ctx.tiny ? 24 : ctx.quick ? 120 : 480,
      // ~210 new tiles per 5 s bucket: 12,500 over the window, as a long page covered by moves
      tilesPerBucket: 210,
      changedPerHop: ctx.tiny ? 50 : 200,
    });
  } finally {
    await ctx.admin.configSet({ ...threshold, ...len });
    client.destroy();
  }
}
