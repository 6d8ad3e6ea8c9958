// Per-section figures, printed as each section finishes (the summary table comes at the end).

const r0 = (n) => (Number.isFinite(n) ? Math.round(n) : 'n/a');
const r2 = (n) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : 'n/a');

const printers = {
  ingest(r, out) {
    out(
      `  ${r.rounds} round(s) of ${r.seconds} s per server, ${r.connections} keep-alive connections, medians ` +
        `across rounds`,
    );
    const bare = r.runs.bare.eventsPerSec;
    for (const run of Object.values(r.runs)) {
      out(
        `  ${run.label.padEnd(40)} ${String(r0(run.eventsPerSec)).padStart(8)} ev/s  ` +
          `${r2(run.eventsPerSec / bare)}x  p50 ${run.p50} ms  p99 ${run.p99} ms  ` +
          `cpu: server ${run.serverCpuPct}% redis ${run.redisCpuPct}% load ${run.loadCpuPct}%  ` +
          `cpu/batch: server ${r0(run.serverUsPerBatch)} us redis ${r0(run.redisUsPerBatch)} us  rounds ` +
          `${run.rounds.join(', ')}${run.non2xx ? `  FAILED ${run.non2xx}` : ''}`,
      );
    }
    out(
      `  ratio from CPU per batch (holds on a busy machine; the busier of server and redis bounds each): ` +
        `memory ${r2(r.cpuRatio.memory)}x, Redis ${r2(r.cpuRatio.redis)}x, naive ${r2(r.cpuRatio.naive)}x`,
    );
    const starved = Object.values(r.runs).filter((x) => x.serverCpuPct < 80);
    if (starved.length)
      out(
        `  note: the server core was shared (server CPU < 80% in ${starved.length} run(s)): read the ` +
          `CPU-per-batch ratio before the events/s ratio`,
      );
    const b = r.breakdown;
    if (b?.stages) {
      out(
        `  collector stages, us per batch (one process, no I/O): ${Object.entries(b.stages)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
      out(
        `    a batch folds into ${b.perBatch.items} increments (${b.perBatch.heatmapItems} heatmap tiles, ` +
          `${b.perBatch.counterItems} counters) over ${b.perBatch.buckets} 5 s buckets`,
      );
    } else if (b) out(`  stage breakdown failed: ${b.error}`);
    const c = r.redisCommands;
    if (c) {
      out(
        `  Redis per batch (collector on Redis): ${c.scriptCallsPerBatch} EVALSHA, ${c.scriptUsecPerBatch} us of ` +
          `script time`,
      );
      if (c.zincrbyPerIncrement !== undefined)
        out(
          `    Redis writes per increment: ${c.zincrbyPerIncrement} ZINCRBY, ${c.writesPerIncrement} write ` +
            `commands of any kind (ZINCRBY, PFADD, SET, PEXPIRE, HINCRBY, ...)`,
        );
      out(
        `    busiest commands per batch: ` +
          `${c.top.map((t) => `${t.cmd} ${t.callsPerBatch}x/${t.usecPerBatch}us`).join(', ')}`,
      );
      out(
        `    of ${c.allScriptsUsecPerBatch} us in scripts (EVALSHA + the rate limiter's EVAL), the commands they ` +
          `run take ${c.commandsInScriptsUsecPerBatch} us; ` +
          `the rest, ${r2(c.allScriptsUsecPerBatch - c.commandsInScriptsUsecPerBatch)} us, is Lua's own work`,
      );
    }
    const g = r.groupCommit;
    if (g) {
      out(
        `  group commit, batches per script call: ${r2(g.full.batchesPerCommit)} at full load ` +
          `(${r0(g.full.reqPerSec)} req/s), ` +
          `${r2(g.quarter.batchesPerCommit)} at a quarter (${r0(g.quarter.reqPerSec)} req/s, server ` +
          `${r0(g.quarter.serverUsPerBatch)} us/batch, p50 ${g.quarter.p50} ms p99 ${g.quarter.p99} ms)`,
      );
    }
    for (const [key, p] of Object.entries(r.profiles ?? {})) {
      if (!p) continue;
      out(
        `  CPU profile, collector on ${key} (${p.file}), self time by file: ` +
          `${p.files.map((f) => `${f.file} ${f.pct}%`).join(', ')}`,
      );
      for (const f of p.functions) out(`    ${String(f.pct).padStart(5)}%  ${f.name}`);
      if (p.stages) out(`    by stage of POST /collect: ${p.stages.map((x) => `${x.stage} ${x.pct}%`).join(', ')}`);
    }
  },
  snapshot(s, out) {
    out(`  grid tiles in the snapshot: ${s.tiles}`);
    out(
      `  Redis time per snapshot: ${r2(s.redisMsPerSnapshot * 1000)} us (advance EVALSHA ` +
        `${r2(s.advanceMs * 1000)} us + reading the rolling key ${r2(s.zrangeMs * 1000)} us); rate limiter EVAL ` +
        `${r2(s.limiterMs * 1000)} us more`,
    );
    out(
      `  same Redis: ZUNION of 60 full-grid buckets ${r2(s.zunion60Ms)} ms; ZRANGE of one 2,500-member key ` +
        `${r2(s.zrangeOneKeyMs)} ms`,
    );
    out(
      `  GET /api/heatmap, 1 connection: p50 ${s.api.p50} ms, p99 ${s.api.p99} ms, ${r0(s.api.reqPerSec)} ` +
        `req/s${s.api.non2xx ? `, ${s.api.non2xx} non-2xx` : ''}`,
    );
  },
  live(l, out) {
    const figures = (r) =>
      `${r.deliveries} deliveries, ${r.missing} missing; ` +
      `POST -> frame p50 ${r.p50} ms p99 ${r.p99} ms max ${r.max} ms; ` +
      `first-to-last viewer p50 ${r.fanoutP50} ms p99 ${r.fanoutP99} ms`;
    for (const r of [l.defaultHop, l.fastHop]) {
      out(
        `  hop ${r.hopMs} ms: ${r.viewers} viewers (connected in ${r.connectMs} ms), ${r.posts} POSTs, ` +
          `${figures(r)}; RSS ${r0(r.rssBeforeMiB)} -> ${r0(r.rssAfterMiB)} MiB` +
          `${r.postStatuses.length ? `; POST failures ${r.postStatuses}` : ''}`,
      );
      for (const [protocol, p] of Object.entries(r.byProtocol ?? {}))
        out(`    ${protocol} (${p.viewers} viewers, frames p50 ${p.frameBytesP50} B): ${figures(p)}`);
    }
  },
  hop(h, out) {
    const f = (m) =>
      `mean ${m.mean.toFixed(3)} ms min ${m.min.toFixed(3)} ms p50 ${m.p50.toFixed(3)} ms p99 ${m.p99.toFixed(3)} ms`;
    out(
      `  page of ${h.tiles} tiles, ${h.tilesPerBucket} new tiles per 5 s bucket, ` +
        `${h.changedPerHop} tiles written per 250 ms hop, ${h.hops} hops`,
    );
    out(`  Redis time per hop, advance + whole snapshot: ${f(h.snapshotMs)}`);
    out(
      `  Redis time per hop, windowChanges: ${f(h.changesMs)} (${h.fullAnswers} whole answers, ` +
        `${Math.round(h.membersPerDelta)} members per delta)`,
    );
  },
  load(l, out) {
    const s = l.sustained;
    out(
      `  sustained ${s.seconds} s at ${s.targetRate} req/s (open loop): ${r0(s.eventsPerSec)} ev/s accepted, p50 ` +
        `${s.p50} ms p99 ${s.p99} ms max ${s.max} ms, ` +
        `statuses ${JSON.stringify(s.statuses)}; RSS ${r0(s.rssBeforeMiB)} -> ${r0(s.rssAfterMiB)} MiB`,
    );
    for (const p of l.spike.phases)
      out(
        `  ${p.name.padEnd(22)} sent ${p.sent}, p50 ${p.p50} ms p99 ${p.p99} ms max ${p.max} ms, statuses ` +
          `${JSON.stringify(p.statuses)}`,
      );
    out(
      `  p99 per second (ms): ${l.spike.timeline.map((t) => r0(t.p99)).join(' ')}; steady pre-spike p99 ` +
        `${r2(l.spike.steadyP99)} ms`,
    );
    out(
      `  shed (429/503): ${l.spike.shed}; other: ${JSON.stringify(l.spike.unexpected)}; back to the pre-spike ` +
        `p99 ${l.spike.recovered ? `${l.spike.recoverySeconds} s after the spike` : 'NOT within the run'}; ` +
        `RSS at end ${r0(l.rssEndMiB)} MiB` +
        `${l.spike.skipped ? `; generator skipped ${l.spike.skipped} (too many in flight)` : ''}` +
        (l.spike.resent || s.resent
          ? `; resent after an idle keep-alive socket was closed under them: ${s.resent + l.spike.resent}`
          : ''),
    );
  },
  others() {},
};

/** Print one section's figures. */
export function report(name, result, out) {
  printers[name]?.(result, out);
}
