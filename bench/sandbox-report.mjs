// Prints the sandbox benchmark's report (sandboxes.mjs) as two tables.
import { fmt, mib, printTable } from './sandbox-lib.mjs';
import { SIZE_RATIO_GATE } from './snapshot-bench.mjs';
import { START_RATIO_GATE } from './runtime-bench.mjs';

function phases(p) {
  return Object.entries(p ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** Snapshot table (ms, p50 small/large, ratio) and runtime table (ms, p50/p95, ratio). */
export function printReport(report) {
  process.stdout.write(`\nSnapshot backends (p50 of ${report.config.snapshotReps} reps after 1 warm-up; ratio = large/small p50, gate ≤ ${SIZE_RATIO_GATE} for cow backends)\n`);
  const snapRows = [];
  for (const b of report.snapshots) {
    if (b.skipped !== undefined) {
      snapRows.push([b.backend, 'skipped', '-', '-', '-', '-', '-', b.skipped]);
      continue;
    }
    const sizes = `${mib(b.sizes.small.allocated)}/${mib(b.sizes.large.allocated)} MiB on ${b.fsType}`;
    for (const [op, r] of Object.entries(b.ops)) {
      const name = op === 'destroy' ? 'destroy+awaitFree' : op;
      snapRows.push([b.backend, name, fmt(r.small.p50, 2), fmt(r.small.p95, 2), fmt(r.large.p50, 2), fmt(r.large.p95, 2), fmt(r.ratio, 2), r.gate, op === 'snapshot' ? sizes : '']);
    }
  }
  printTable(['backend', 'op', 'small p50', 'small p95', 'large p50', 'large p95', 'ratio', 'gate', 'sizes (allocated small/large)'], snapRows);

  process.stdout.write(`Runtimes: start → first SELECT 1 by the bench, ms over ${report.config.runtimeStarts} starts (+1 warm-up), interleaved; ratio = runtime p50 / baseline p50, gate ≤ ${START_RATIO_GATE}\n`);
  const rtRows = [];
  for (const g of report.runtimes) {
    if (g.skipped !== undefined) {
      rtRows.push([g.runtime, 'skipped', '-', '-', '-', '-', '-', g.skipped]);
      continue;
    }
    const [runtime, baseline] = g.subjects;
    rtRows.push([g.runtime, runtime.name, fmt(runtime.p50), fmt(runtime.p95), fmt(runtime.min), fmt(runtime.max), `${fmt(g.ratioP50, 2)} ${g.gate}`, phases(runtime.phasesP50)]);
    rtRows.push([g.runtime, baseline.name, fmt(baseline.p50), fmt(baseline.p95), fmt(baseline.min), fmt(baseline.max), 'baseline', phases(baseline.phasesP50)]);
    for (const info of g.info) {
      rtRows.push([g.runtime, info.name, fmt(info.p50), fmt(info.p95), fmt(info.min), fmt(info.max), `${fmt(runtime.p50 / info.p50, 2)} (info)`, phases(info.phasesP50)]);
    }
  }
  printTable(['runtime', 'subject', 'p50', 'p95', 'min', 'max', 'vs baseline', 'phase p50s'], rtRows);
}
