// `pnpm bench` (third part): prepare through the engine next to bare floors, in one run.
// 1. Cache-hit prepare for Docker+btrfs and process+btrfs (engine store on a btrfs loop mount):
//    POST /v1/prepare-jobs → `result` event on the events stream → SELECT 1 through the DSN, p50/p95
//    over BENCH_PREPARE_RUNS runs after one warm-up, interleaved with the floor: btrfs snapshot of
//    the same state + `postgres` (as the server user) / `docker run` on it until SELECT 1.
// 2. Cold prepare of a ~BENCH_COLD_MB MiB, BENCH_COLD_TABLES-table schema with data (schema.sql +
//    data.sql) on a fresh store, next to plain psql on a fresh server of the same runtime (initdb +
//    start + psql -f), gated against that server made as durable as a state (CHECKPOINT + syncfs).
// Prints a table and writes bench/results/prepare.json (+ a timestamped copy). Needs root (loop
// mounts), btrfs-progs, host PostgreSQL binaries and the docker daemon with BENCH_IMAGE.
// Knobs: BENCH_PREPARE_RUNS (20), BENCH_COLD_REPS (5), BENCH_COLD_MB (50), BENCH_COLD_TABLES (150),
// BENCH_RUNTIMES (docker,process), BENCH_IMAGE (sqlrs-test/postgres:15), BENCH_PROCESS_IMAGE
// (postgres:15), BENCH_LOOP_SIZE (4G).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { between, startEngine } from './prepare-engine.mjs';
import { dockerFloor, ownedDir, plainPsql, plainPsqlDocker, processFloor } from './prepare-floors.mjs';
import { benchWorkDir, phaseMedians, printTable, query, run, runBench, selectOnce, since, summarize } from './prepare-lib.mjs';
import { writeColdWorkload } from './prepare-schema.mjs';

const here = import.meta.dirname;
const loopStore = path.resolve(here, '../scripts/loop-store.sh');
const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
const config = {
  runs: Number(process.env.BENCH_PREPARE_RUNS ?? 20),
  coldReps: Number(process.env.BENCH_COLD_REPS ?? 5),
  coldMb: Number(process.env.BENCH_COLD_MB ?? 50),
  coldTables: Number(process.env.BENCH_COLD_TABLES ?? 150),
  runtimes: list(process.env.BENCH_RUNTIMES ?? 'docker,process'),
  image: process.env.BENCH_IMAGE ?? 'sqlrs-test/postgres:15',
  processImage: process.env.BENCH_PROCESS_IMAGE ?? 'postgres:15',
  loopSize: process.env.BENCH_LOOP_SIZE ?? '4G',
};
const TARGETS = { cacheHitRatio: 1.3, coldRatio: 1.25 };
const FLOOR_PORTS = { process: 26432, docker: 26433, plain: 26434 };
const log = (message) => process.stderr.write(`[prepare] ${message}\n`);
const ratio = (a, b) => Math.round((a / b) * 100) / 100;

/** A fresh btrfs loop mount under `work`, unmounted by the cleanup stack. */
async function btrfsMount(work, name, cleanup) {
  const mnt = path.join(work, name);
  cleanup.push(`unmount ${mnt}`, () => run(loopStore, ['remove', mnt]));
  await run(loopStore, ['create', 'btrfs', mnt, config.loopSize]);
  fs.chmodSync(mnt, 0o711);
  return mnt;
}

/** The engine on a fresh store under `root`, torn down by the cleanup stack (or by the returned function). */
async function engineOn(root, kind, cleanup) {
  const engine = await startEngine({ store: path.join(root, 'store'), config: { runtime: { kind }, snapshot: { backend: 'btrfs' } } });
  const release = cleanup.push(`engine on ${root}`, () => engine.teardown());
  const info = await engine.info();
  if (!info.runtime.ok) throw new Error(`${kind} runtime unavailable: ${info.runtime.reason}`);
  if (info.snapshot_backend !== 'btrfs') throw new Error(`engine chose snapshot backend ${info.snapshot_backend}, not btrfs`);
  return { engine, info, release };
}

/** Task durations (running → succeeded, engine timestamps) and client-side marks of one prepare. */
function preparePhases(prepared) {
  const phases = { postMs: prepared.postMs, resultEventMs: prepared.resultMs };
  const queued = between(prepared.events, { type: 'status', status: 'queued' }, { type: 'status', status: 'running' });
  if (queued !== undefined) phases.queuedMs = queued;
  for (const e of prepared.events) {
    if (e.type !== 'task' || e.status !== 'running') continue;
    const d = between(prepared.events, { type: 'task', task_id: e.task_id, status: 'running' }, { type: 'task', task_id: e.task_id, status: 'succeeded' });
    if (d !== undefined) phases[`task:${e.task_id}`] = d;
  }
  // Inside each executed step: running → first psql output line (clone + start + first statement)
  // and last psql line → succeeded (stop + capture), from the engine's event timestamps.
  let open;
  for (const e of prepared.events) {
    if (e.type === 'task' && e.task_id.startsWith('execute') && e.status === 'running') open = { id: e.task_id, start: Date.parse(e.ts) };
    else if (e.type === 'log' && open !== undefined && e.message.startsWith('psql:')) {
      open.first ??= Date.parse(e.ts);
      open.last = Date.parse(e.ts);
    } else if (e.type === 'task' && open !== undefined && e.task_id === open.id && e.status === 'succeeded') {
      if (open.first !== undefined) {
        phases[`${open.id}:toFirstPsqlLine`] = open.first - open.start;
        phases[`${open.id}:psqlLines`] = open.last - open.first;
        phases[`${open.id}:lastLineToDone`] = Date.parse(e.ts) - open.last;
      }
      open = undefined;
    }
  }
  const resolved = prepared.events.find((e) => e.type === 'task' && e.task_id === 'resolve-image' && e.status === 'succeeded');
  const firstExec = prepared.events.find((e) => e.type === 'task' && e.task_id.startsWith('execute') && e.status === 'running');
  if (resolved !== undefined && firstExec !== undefined) phases.resolvedToFirstStepMs = Date.parse(firstExec.ts) - Date.parse(resolved.ts);
  return phases;
}

/** Non-psql events of one prepare as `ms since submit (engine clock) kind detail`, for the report. */
function timeline(prepared) {
  const t0 = Date.parse(prepared.events[0].ts);
  return prepared.events
    .filter((e) => e.type !== 'log' || !e.message.startsWith('psql:'))
    .map((e) => `${Date.parse(e.ts) - t0} ${e.type} ${e.task_id ?? ''} ${e.status ?? e.message ?? ''}`.replace(/ +/g, ' ').trim());
}

/** The engine's /metrics lines about prepare, clone, capture and instance start (sums and counts). */
async function metricsOf(engine) {
  try {
    const response = await fetch(`${engine.base}/metrics`, { headers: engine.headers });
    if (!response.ok) return [`/metrics → ${response.status}`];
    return (await response.text()).split('\n').filter((l) => !l.startsWith('#') && /(_sum|_count|_total)(\{| )/.test(l) && /prepare|clone|capture|instance|step|cache|plan/.test(l));
  } catch (error) {
    return [`/metrics failed: ${error.message}`];
  }
}

/** Where the engine keeps `stateId`'s data (a btrfs subvolume holding pgdata). */
async function stateDirOf(store, stateId) {
  const found = (await run('find', [store, '-maxdepth', '6', '-type', 'd', '-name', stateId])).split('\n').filter((p) => p.includes('/states/'));
  if (found.length !== 1) throw new Error(`state ${stateId} not found under ${store}: ${found.join(', ')}`);
  return found[0];
}

async function cacheHitSection(kind, { work, hitSql, binDir, owner, cleanup }) {
  log(`cache hit, ${kind}: mounting btrfs and starting the engine`);
  const mnt = await btrfsMount(work, `hit-${kind}`, cleanup);
  const { engine, info } = await engineOn(mnt, kind, cleanup);
  const request = { prepare_kind: 'psql', image_id: kind === 'docker' ? config.image : config.processImage, psql_args: ['-f', hitSql] };
  const built = await engine.prepare(request);
  await engine.deleteInstance(built.result.instance_id);
  const stateDir = await stateDirOf(engine.store, built.result.state_id);
  const cloneRoot = path.join(mnt, 'floor');
  fs.mkdirSync(cloneRoot, { mode: 0o711 });

  const engineSubject = {
    name: `engine: ${kind} + btrfs`,
    instanceId: undefined,
    async start() {
      const prepared = await engine.prepare(request);
      this.instanceId = prepared.result.instance_id;
      const before = performance.now();
      if (!(await selectOnce(prepared.result.dsn))) throw new Error(`SELECT 1 through ${prepared.result.dsn.replace(/:[^:@]*@/, ':…@')} failed`);
      const cached = prepared.events.filter((e) => e.type === 'task' && e.task_id.startsWith('execute') && e.status === 'running').length === 0;
      if (!cached) throw new Error('cache-hit prepare executed a step');
      return { ms: since(prepared.started), phases: { ...preparePhases(prepared), selectMs: since(before) }, timeline: timeline(prepared) };
    },
    async stop() {
      if (this.instanceId !== undefined) await engine.deleteInstance(this.instanceId);
      this.instanceId = undefined;
    },
  };
  let floor;
  if (kind === 'docker') {
    const probe = await engineSubject.start();
    const container = (await run('docker', ['ps', '-q', '--filter', `label=sqlrs.instance=${engineSubject.instanceId}`])).trim();
    const [entrypoint, user] = (await run('docker', ['inspect', container, '--format', '{{index .Config.Entrypoint 0}} {{.Config.User}}'])).trim().split(' ');
    await engineSubject.stop();
    const [uid, gid] = user.split(':').map(Number);
    const socketDir = ownedDir(path.join(mnt, 'sock-d'), { uid, gid });
    floor = dockerFloor({ stateDir, cloneRoot, socketDir, image: config.image, entrypoint, user, label: info.store_id, port: FLOOR_PORTS.docker });
    cleanup.push('docker floor containers', async () => {
      const ids = (await run('docker', ['ps', '-aq', '--filter', `label=sqlrs.bench=${info.store_id}`])).split('\n').filter(Boolean);
      if (ids.length > 0) await run('docker', ['rm', '-f', '-v', ...ids]);
    });
    log(`cache hit, docker: warm-up took ${probe.ms} ms`);
  } else {
    const socketDir = ownedDir(path.join(mnt, 'sock-p'), owner);
    floor = processFloor({ stateDir, cloneRoot, socketDir, binDir, owner, port: FLOOR_PORTS.process, logFile: path.join(mnt, 'floor-postgres.log') });
  }
  cleanup.push(`${kind} floor`, () => floor.stop());

  const samples = new Map([[engineSubject.name, []], [floor.name, []]]);
  for (let round = 0; round <= config.runs; round += 1) {
    const order = round % 2 === 0 ? [engineSubject, floor] : [floor, engineSubject];
    for (const subject of order) {
      const result = await subject.start();
      await subject.stop();
      if (round > 0) samples.get(subject.name).push(result);
    }
    if (round % 5 === 0) log(`cache hit, ${kind}: round ${round}/${config.runs}`);
  }
  const describe = (name) => ({ name, ...summarize(samples.get(name).map((r) => r.ms)), phasesP50: phaseMedians(samples.get(name)) });
  const e = describe(engineSubject.name);
  const f = describe(floor.name);
  e.lastTimeline = samples.get(engineSubject.name).at(-1).timeline;
  const metrics = await metricsOf(engine);
  return { runtime: kind, instancesKeptRunning: engine.instancesKept, metrics, engine: e, floor: f, ratioP50: ratio(e.p50, f.p50), ratioP95: ratio(e.p95, f.p95), target: TARGETS.cacheHitRatio, gate: ratio(e.p50, f.p50) <= TARGETS.cacheHitRatio ? 'ok' : 'over' };
}

async function coldSection(kind, { work, cold, binDir, owner, cleanup }) {
  log(`cold, ${kind}: mounting btrfs`);
  const mnt = await btrfsMount(work, `cold-${kind}`, cleanup);
  const files = [cold.files.schema, cold.files.data];
  const request = { prepare_kind: 'psql', image_id: kind === 'docker' ? config.image : config.processImage, psql_args: files.flatMap((f) => ['-f', f]) };
  const check = `select (select count(*) from information_schema.tables where table_schema = 'public')::int as tables, (select count(*) from t_${String(cold.tables).padStart(3, '0')})::int as last_rows, pg_database_size('postgres')::bigint as db_bytes`;
  const engineRuns = [];
  const plainRuns = [];
  for (let rep = 0; rep < config.coldReps; rep += 1) {
    const viaEngine = async () => {
      const { engine, release } = await engineOn(path.join(mnt, `engine-${rep}`), kind, cleanup);
      try {
        const prepared = await engine.prepare(request);
        const before = performance.now();
        const [row] = await query(prepared.result.dsn, check);
        const ms = since(prepared.started);
        engineRuns.push({ ms, phases: { ...preparePhases(prepared), checkMs: since(before) }, check: row, timeline: timeline(prepared), metrics: await metricsOf(engine), stateSteps: prepared.events.filter((e) => e.type === 'task' && e.task_id.startsWith('execute') && e.status === 'running').length });
      } finally {
        await release();
      }
    };
    const viaPsql = async () => {
      const dir = path.join(mnt, `plain-${rep}`);
      const plain =
        kind === 'docker'
          ? await plainPsqlDocker({ dir, binDir, image: config.image, port: FLOOR_PORTS.plain, files, label: path.basename(work), cleanup })
          : await plainPsql({ dir, binDir, owner, port: FLOOR_PORTS.plain, files });
      const stopped = cleanup.push('plain server', plain.stop);
      try {
        const [row] = await query({ host: plain.socketDir, port: FLOOR_PORTS.plain, user: 'sqlrs', database: 'postgres' }, check);
        plainRuns.push({ ms: plain.ms, durableMs: plain.ms + plain.durableMs, phases: plain.phases, check: row });
      } finally {
        await stopped();
      }
    };
    for (const step of rep % 2 === 0 ? [viaEngine, viaPsql] : [viaPsql, viaEngine]) {
      // Untimed: write back what the previous subject left (teardown, deleted subvolumes), so the
      // next one's flush does not pay for it.
      await run('sync', ['--file-system', mnt]);
      await run('btrfs', ['subvolume', 'sync', mnt]);
      await step();
    }
    log(`cold, ${kind}: rep ${rep + 1}/${config.coldReps}: engine ${engineRuns.at(-1).ms} ms, plain psql ${plainRuns.at(-1).ms} ms`);
  }
  for (const r of [...engineRuns, ...plainRuns]) {
    if (r.check.tables !== cold.tables || r.check.last_rows !== cold.rowsPerTable) throw new Error(`cold prepare produced ${JSON.stringify(r.check)}`);
  }
  const e = { name: `engine: ${kind} + btrfs (cold)`, ...summarize(engineRuns.map((r) => r.ms)), phasesP50: phaseMedians(engineRuns), timelines: engineRuns.map((r) => r.timeline), metrics: engineRuns.at(-1).metrics };
  const server = kind === 'docker' ? 'docker run of the image: initdb + postgres' : 'initdb + postgres';
  const p = { name: `plain psql (${server} + psql -f)`, ...summarize(plainRuns.map((r) => r.ms)), phasesP50: phaseMedians(plainRuns) };
  const d = { name: 'plain psql, then CHECKPOINT + syncfs', ...summarize(plainRuns.map((r) => r.durableMs)) };
  // The gate compares like with like: the engine's states are durable (engine.md §6.4), so the
  // baseline pays the same one checkpoint and flush; the ratio without it is reported beside it.
  const gated = ratio(e.p50, d.p50);
  return { runtime: kind, engine: e, plainPsql: p, plainDurable: d, dbBytes: Number(plainRuns[0].check.db_bytes), ratioP50: gated, ratioNoFlushP50: ratio(e.p50, p.p50), target: TARGETS.coldRatio, gate: gated <= TARGETS.coldRatio ? 'ok' : 'over' };
}

async function main(cleanup) {
  const started = Date.now();
  const { work, loadAtStart } = benchWorkDir('prepare', 'sqlrs-bench-prep-', cleanup);
  const sqlDir = path.join(work, 'sql');
  fs.mkdirSync(sqlDir, { mode: 0o755 });
  fs.chmodSync(sqlDir, 0o755);
  const hitSql = path.join(sqlDir, 'hit.sql');
  fs.writeFileSync(hitSql, 'create table accounts (id bigint primary key, name text not null);\ninsert into accounts select g, \'user-\' || g from generate_series(1, 10000) g;\ncreate table orders (id bigint primary key, account_id bigint references accounts, total numeric(12,2));\ninsert into orders select g, 1 + g % 10000, g % 997 from generate_series(1, 20000) g;\n', { mode: 0o644 });
  const cold = writeColdWorkload(path.join(sqlDir, 'cold'), { tables: config.coldTables, mb: config.coldMb });
  const binDir = (await run('pg_config', ['--bindir'])).trim();
  const owner = { uid: Number((await run('id', ['-u', 'postgres'])).trim()), gid: Number((await run('id', ['-g', 'postgres'])).trim()) };
  const context = { work, hitSql, cold, binDir, owner, cleanup };

  const cacheHit = [];
  // BENCH_PREPARE_RUNS=0 measures the cold prepare alone.
  if (config.runs > 0) for (const kind of config.runtimes) cacheHit.push(await cacheHitSection(kind, context));
  const coldPrepare = [];
  // BENCH_COLD_REPS=0 measures the cache hit alone.
  if (config.coldReps > 0) for (const kind of config.runtimes) coldPrepare.push(await coldSection(kind, context));

  const dockerVersion = await run('docker', ['version', '--format', '{{.Server.Version}}']).then((v) => v.trim(), () => null);
  const report = {
    benchmark: 'prepare',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, kernel: os.release(), node: process.version, docker: dockerVersion },
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    config: { ...config, coldRowsPerTable: cold.rowsPerTable },
    method: {
      cacheHit: 'ms from POST /v1/prepare-jobs to SELECT 1 answered through the result DSN (events followed on GET …/events); the state was built before and one warm-up round discarded; instance deleted after each run (untimed) — or, while DELETE /v1/instances answers 503 in this build, kept running until the end (instancesKeptRunning). Floor: btrfs subvolume snapshot of the same state dir + postgres as the server user (process) or docker run with the engine container shape (docker), SELECT 1 over the socket polled every 5 ms; stop + delete untimed. Engine and floor alternate order every round.',
      cold: 'engine: fresh store (nothing cached, engine start untimed), POST with -f schema.sql -f data.sql → result event → a check query through the DSN. plain psql: a fresh server of the same runtime — process: initdb (engine arguments) + postgres; docker: one docker run of the image whose shell runs the same initdb, then execs postgres — with the engine build settings (fsync=off etc.) until SELECT 1, then psql -X -v ON_ERROR_STOP=1 -f schema.sql -f data.sql, on the same btrfs mount; then CHECKPOINT + sync --file-system (timed apart). The gate compares the engine with plain psql + CHECKPOINT + syncfs, because every engine state is flushed (engine.md §6.4) and the plain server otherwise keeps the data in memory only; the ratio without the flush is reported too. Both verified by table and row counts; order alternates per rep.',
    },
    cacheHit,
    coldPrepare,
  };
  report.totalSeconds = Math.round((Date.now() - started) / 1000);
  printReport(report);
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, 'prepare.json'), json);
  fs.writeFileSync(path.join(dir, `prepare-${report.at.replace(/[:.]/g, '-')}.json`), json);
  process.stdout.write('wrote bench/results/prepare.json\n');
}

function printReport(report) {
  const rows = [];
  for (const h of report.cacheHit) {
    rows.push([`cache hit ${h.runtime}: ${h.engine.name}`, h.engine.n, h.engine.p50.toFixed(1), h.engine.p95.toFixed(1), '', '']);
    rows.push([`cache hit ${h.runtime}: ${h.floor.name}`, h.floor.n, h.floor.p50.toFixed(1), h.floor.p95.toFixed(1), `${h.ratioP50} (p95 ${h.ratioP95})`, `≤ ${h.target} ${h.gate}`]);
  }
  for (const c of report.coldPrepare) {
    rows.push([`cold ${c.runtime}: ${c.engine.name}`, c.engine.n, c.engine.p50.toFixed(1), c.engine.p95.toFixed(1), '', '']);
    rows.push([`cold ${c.runtime}: ${c.plainPsql.name}`, c.plainPsql.n, c.plainPsql.p50.toFixed(1), c.plainPsql.p95.toFixed(1), `${c.ratioNoFlushP50} (not gated)`, '']);
    rows.push([`cold ${c.runtime}: ${c.plainDurable.name}`, c.plainDurable.n, c.plainDurable.p50.toFixed(1), c.plainDurable.p95.toFixed(1), String(c.ratioP50), `≤ ${c.target} ${c.gate}`]);
  }
  printTable(['path', 'n', 'p50 ms', 'p95 ms', 'engine/floor p50', 'target'], rows);
  for (const h of report.cacheHit) process.stdout.write(`cache hit ${h.runtime} phases p50: engine ${JSON.stringify(h.engine.phasesP50)}; floor ${JSON.stringify(h.floor.phasesP50)}\n`);
  for (const c of report.coldPrepare) process.stdout.write(`cold ${c.runtime} phases p50: engine ${JSON.stringify(c.engine.phasesP50)}; plain ${JSON.stringify(c.plainPsql.phasesP50)}\n`);
  const c0 = report.coldPrepare[0];
  if (c0 !== undefined) process.stdout.write(`cold workload: ${report.config.coldTables} tables × ${report.config.coldRowsPerTable} rows, database ${(c0.dbBytes / 1048576).toFixed(1)} MiB; total ${report.totalSeconds} s\n`);
}

runBench(main);
