// The one summary table a run ends with (also written to .artifacts/bench.json).

const k = (n) => (Number.isFinite(n) ? `${Math.round(n / 1000)}k` : 'n/a');
const ms = (n) => (Number.isFinite(n) ? `${Math.round(n * 100) / 100} ms` : 'n/a');
const x = (n) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a');
const mib = (n) => (Number.isFinite(n) ? `${Math.round(n)} MiB` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'ok' : 'MISSED');

/** Rows {area, measure, value, relative, target, status} from a run's results. */
export function summaryRows(res) {
  const rows = [];
  const add = (area, measure, value, relative = '', target = '', ok = undefined) =>
    rows.push({ area, measure, value, relative, target, status: verdict(ok) });
  if (res.ingest) {
    const { runs } = res.ingest;
    const bare = runs.bare.eventsPerSec;
    for (const [key, r] of Object.entries(runs)) {
      const ratio = r.eventsPerSec / bare;
      const target = key === 'redis' ? '>= 0.35x now, 0.5x goal' : '';
      add(
        'ingest',
        r.label,
        `${k(r.eventsPerSec)} ev/s, p50 ${ms(r.p50)} p99 ${ms(r.p99)}${r.non2xx ? `, ${r.non2xx} failed` : ''}`,
        key === 'bare' ? 'baseline' : `${x(ratio)} bare`,
        target,
        key === 'redis' ? ratio >= 0.35 : undefined,
      );
    }
    const c = res.ingest.cpuRatio;
    add(
      'ingest',
      '(c)/(a) by CPU per batch (server or redis, busier)',
      x(c.redis),
      `memory ${x(c.memory)}, naive ${x(c.naive)}`,
      '>= 0.35x now, 0.5x goal',
      c.redis >= 0.35,
    );
  }
  if (res.snapshot) {
    const s = res.snapshot;
    add(
      'snapshot',
      `Redis time, full ${s.tiles}-tile grid (advance + read)`,
      ms(s.redisMsPerSnapshot),
      `ZUNION 60 buckets ${ms(s.zunion60Ms)}; 1-key ZRANGE ${ms(s.zrangeOneKeyMs)}`,
      '<= 1 ms',
      s.redisMsPerSnapshot <= 1,
    );
    add(
      'snapshot',
      'GET /api/heatmap (1 connection)',
      `p50 ${ms(s.api.p50)} p99 ${ms(s.api.p99)}`,
      `${Math.round(s.api.reqPerSec)} req/s`,
      'p99 <= 5 ms',
      s.api.p99 <= 5,
    );
  }
  if (res.hop) {
    const h = res.hop;
    add(
      'hop',
      `Redis time per hop, ${h.tiles}-tile page, ${h.changedPerHop} tiles per hop (windowChanges)`,
      `p50 ${ms(h.changesMs.p50)}`,
      `whole snapshot p50 ${ms(h.snapshotMs.p50)}`,
      '<= 1 ms',
      h.changesMs.p50 <= 1,
    );
  }
  if (res.live) {
    const { defaultHop: d, fastHop: f } = res.live;
    add(
      'live',
      `${d.viewers} viewers, POST -> frame, hop ${d.hopMs} ms`,
      `p50 ${ms(d.p50)} p99 ${ms(d.p99)}`,
      `fan-out p99 ${ms(d.fanoutP99)}`,
      'includes the hop wait',
    );
    add(
      'live',
      `${f.viewers} viewers, POST -> frame, hop ${f.hopMs} ms`,
      `p50 ${ms(f.p50)} p99 ${ms(f.p99)}`,
      `missing ${f.missing}`,
      'p99 <= 50 ms',
      f.p99 <= 50 && f.missing === 0,
    );
  }
  if (res.load) {
    const { sustained: s, spike } = res.load;
    const failed = s.sent - s.ok;
    add(
      'sustained',
      `${s.seconds} s at ${s.targetRate} req/s, open loop`,
      `${k(s.eventsPerSec)} ev/s, p50 ${ms(s.p50)} p99 ${ms(s.p99)}`,
      `not 204: ${failed}`,
      'no errors',
      failed === 0,
    );
    add('sustained', 'collector RSS before -> after', `${mib(s.rssBeforeMiB)} -> ${mib(s.rssAfterMiB)}`, '', 'bounded');
    const [b, sp, a] = spike.phases;
    add(
      'spike',
      `10x (${spike.baseRate} -> ${spike.baseRate * 10} req/s)`,
      `p99 before ${ms(b.p99)}, spike ${ms(sp.p99)}, after ${ms(a.p99)}`,
      `shed ${spike.shed}, other ${JSON.stringify(spike.unexpected)}`,
      'only 429/503 shed',
      Object.keys(spike.unexpected).length === 0,
    );
    add(
      'spike',
      'p99 back near the steady pre-spike p99',
      spike.recovered ? `${spike.recoverySeconds} s after the spike` : 'not within the run',
      `steady p99 ${ms(spike.steadyP99)}`,
      'recovers',
      spike.recovered,
    );
  }
  if (res.others) {
    for (const [name, r] of Object.entries(res.others)) {
      const last = r.tail?.split(' | ').pop()?.trim() ?? '';
      const value = r.status === 'ok' ? (r.json ? JSON.stringify(r.json).slice(0, 90) : last.slice(0, 90)) : r.status;
      add('other', `bench/${name}`, value);
    }
  }
  if (res.fidelity) {
    const f = res.fidelity.rows;
    const n = f.length || 1;
    const meet = f.filter((r) => r.inside >= 0.9 && r.peaks === r.targets).length;
    const peaks = f.reduce((a, r) => a + r.peaks, 0);
    const targets = f.reduce((a, r) => a + r.targets, 0);
    const mean = f.reduce((a, r) => a + r.inside, 0) / n;
    add(
      'fidelity',
      `click heat inside the targets, ${f.length} (page, width) runs`,
      `mean ${Math.round(100 * mean)} %, worst ${Math.round(100 * Math.min(...f.map((r) => r.inside)))} %`,
      `peaks ${peaks}/${targets}; runs meeting ${meet}/${f.length}`,
      '>= 90 % every run; 100 % peaks',
      meet === f.length,
    );
  }
  if (res['fidelity-rows']) {
    for (const l of res['fidelity-rows'].layouts) {
      add(
        'row sweep',
        `tile layer, ${l.layout}${l.reference ? ' (reference)' : ''}`,
        `same width ${Math.round(100 * l.sameMean)} %, other ${Math.round(100 * l.otherMean)} %`,
        `runs >= 90 % ${l.over90}/${l.runs}; peaks ${l.peaks}/${l.targets}`,
      );
    }
  }
  return rows;
}

/** Print rows as an aligned text table. */
export function printTable(rows, out = (s) => process.stdout.write(`${s}\n`)) {
  const cols = ['area', 'measure', 'value', 'relative', 'target', 'status'];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) =>
    cells
      .map((v, i) => String(v).padEnd(width[i]))
      .join('  ')
      .trimEnd();
  out(line(cols));
  out(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) out(line(cols.map((c) => r[c])));
}
