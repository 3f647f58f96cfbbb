// `pnpm bench` (fourth part): Liquibase prepares through the engine next to plain `liquibase
// update`, in one run, for a BENCH_LB_CHANGESETS-changeset (20) formatted-SQL changelog:
// 1. Cold: a fresh engine store (engine start untimed) → POST lb prepare → result event; one
//    state per changeset, so one JVM per changeset plus the preview (engine.md §2.5).
// 2. Cache hit: the same request again on that store (every step cached; the preview still runs,
//    since the lb plan memo is not built yet) → result event → SELECT 1 through the DSN.
// 3. Floor: initdb + postgres (the engine's build settings) until SELECT 1, then the same
//    distribution's `liquibase update` of the whole changelog on it (one JVM).
// Engine store on a btrfs loop mount (root), Docker runtime with BENCH_IMAGE, Liquibase mode
// BENCH_LB_MODE (host | docker: the runner image BENCH_LB_IMAGE). Prints a table and writes
// bench/results/liquibase.json (+ a timestamped copy).
// Knobs: BENCH_LB_CHANGESETS (20), BENCH_LB_COLD_REPS (2), BENCH_LB_HIT_RUNS (5), BENCH_LB_MODE
// (host), BENCH_LB_IMAGE (sqlrs-test/liquibase:4.28.0), BENCH_IMAGE (sqlrs-test/postgres:15).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEngine } from './prepare-engine.mjs';
import { ownedDir, serverArgs, spawnPostgres } from './prepare-floors.mjs';
import { benchWorkDir, pollSelect, printTable, query, run, runBench, selectOnce, since, summarize } from './prepare-lib.mjs';

const here = import.meta.dirname;
const loopStore = path.resolve(here, '../scripts/loop-store.sh');
const config = {
  changesets: Number(process.env.BENCH_LB_CHANGESETS ?? 20),
  coldReps: Number(process.env.BENCH_LB_COLD_REPS ?? 2),
  hitRuns: Number(process.env.BENCH_LB_HIT_RUNS ?? 5),
  mode: process.env.BENCH_LB_MODE ?? 'host',
  runnerImage: process.env.BENCH_LB_IMAGE ?? 'sqlrs-test/liquibase:4.28.0',
  image: process.env.BENCH_IMAGE ?? 'sqlrs-test/postgres:15',
};
const FLOOR_PORT = 26435;
const log = (message) => process.stderr.write(`[liquibase] ${message}\n`);
const launcher = path.join(path.dirname(createRequire(path.resolve(here, '../packages/liquibase/package.json')).resolve('liquibase/package.json')), 'dist', 'liquibase', 'liquibase');

function writeChangelog(dir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const sets = [];
  for (let i = 1; i <= config.changesets; i += 1) {
    const body = i === 1 ? 'create table item (id int primary key, name text not null, n int);' : `insert into item select g + ${i * 1000}, 'item-${i}-' || g, g from generate_series(1, 100) g;`;
    sets.push(`--changeset bench:${i}\n${body}\n`);
  }
  fs.writeFileSync(path.join(dir, 'changelog.sql'), `--liquibase formatted sql\n\n${sets.join('\n')}`, { mode: 0o644 });
  return dir;
}

const executedSteps = (prepared) => prepared.events.filter((e) => e.type === 'task' && e.task_id.startsWith('execute') && e.status === 'running').length;

async function engineOn(root, cleanup) {
  const engine = await startEngine({ store: path.join(root, 'store'), config: { runtime: { kind: 'docker' }, snapshot: { backend: 'btrfs' }, liquibase: { image: config.mode === 'docker' ? config.runnerImage : null } } });
  const release = cleanup.push(`engine on ${root}`, () => engine.teardown());
  const info = await engine.info();
  if (!info.liquibase.ok) throw new Error(`Liquibase unavailable: ${info.liquibase.reason}`);
  return { engine, info, release };
}

/** initdb + postgres until SELECT 1, then `liquibase update` of the whole changelog. */
async function floorRun(dir, changelogDir, owner, binDir) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o711 });
  fs.chownSync(dir, owner.uid, owner.gid);
  const socketDir = ownedDir(path.join(dir, 'sock'), owner);
  const pgdata = path.join(dir, 'pgdata');
  const work = fs.mkdtempSync(path.join(dir, 'lbwork-'));
  const started = performance.now();
  await run(path.join(binDir, 'initdb'), ['-D', pgdata, '-U', 'sqlrs', '-E', 'UTF8', '--locale=C.UTF-8', '--auth=trust', '--no-sync', '--no-instructions'], { cwd: '/', uid: owner.uid, gid: owner.gid, env: { PATH: process.env.PATH, TZ: 'UTC' } });
  const initdbMs = since(started);
  const stop = spawnPostgres({ binDir, pgdata, args: serverArgs({ port: FLOOR_PORT, socketDir, build: true }), owner, logFile: path.join(dir, 'postgres.log') });
  try {
    await pollSelect({ host: socketDir, port: FLOOR_PORT, user: 'sqlrs', database: 'postgres' });
    const startMs = since(started) - initdbMs;
    await run(launcher, [`--url=jdbc:postgresql://127.0.0.1:${FLOOR_PORT}/postgres`, '--username=sqlrs', '--password=unused', `--search-path=${changelogDir}`, '--changelog-file=changelog.sql', 'update'], {
      cwd: work,
      env: { PATH: process.env.PATH, JAVA_OPTS: '-XX:TieredStopAtLevel=1 -Xshare:auto' },
    });
    const ms = since(started);
    const [row] = await query({ host: socketDir, port: FLOOR_PORT, user: 'sqlrs', database: 'postgres' }, 'select count(*)::int as n from databasechangelog');
    if (row.n !== config.changesets) throw new Error(`liquibase update recorded ${row.n} changesets`);
    return { ms, phases: { initdbMs, startMs, liquibaseUpdateMs: ms - initdbMs - startMs } };
  } finally {
    await stop();
  }
}

async function main(cleanup) {
  const started = Date.now();
  const { work, loadAtStart } = benchWorkDir('Liquibase', 'sqlrs-bench-lb-', cleanup);
  const mnt = path.join(work, 'btrfs');
  cleanup.push(`unmount ${mnt}`, () => run(loopStore, ['remove', mnt]));
  await run(loopStore, ['create', 'btrfs', mnt, '4G']);
  fs.chmodSync(mnt, 0o711);
  const changelogDir = writeChangelog(path.join(work, 'changelog'));
  const binDir = (await run('pg_config', ['--bindir'])).trim();
  const owner = { uid: Number((await run('id', ['-u', 'postgres'])).trim()), gid: Number((await run('id', ['-g', 'postgres'])).trim()) };
  const request = { prepare_kind: 'lb', image_id: config.image, work_dir: changelogDir, liquibase_args: ['update', '--changelog-file=changelog.sql'] };

  const cold = [];
  const floor = [];
  let hitEngine;
  for (let rep = 0; rep < config.coldReps; rep += 1) {
    log(`cold rep ${rep + 1}/${config.coldReps}`);
    const { engine, release } = await engineOn(path.join(mnt, `engine-${rep}`), cleanup);
    const prepared = await engine.prepare(request);
    if (executedSteps(prepared) !== config.changesets) throw new Error(`cold prepare executed ${executedSteps(prepared)} steps`);
    const [row] = await query(prepared.result.dsn, 'select count(*)::int as n from databasechangelog');
    if (row.n !== config.changesets) throw new Error(`cold prepare recorded ${row.n} changesets`);
    cold.push({ ms: since(prepared.started) });
    await engine.deleteInstance(prepared.result.instance_id);
    if (rep === config.coldReps - 1) hitEngine = engine;
    else await release();
    log(`floor rep ${rep + 1}/${config.coldReps}`);
    floor.push(await floorRun(path.join(mnt, `floor-${rep}`), changelogDir, owner, binDir));
  }
  const hits = [];
  for (let i = 0; i < config.hitRuns; i += 1) {
    const prepared = await hitEngine.prepare(request);
    if (executedSteps(prepared) !== 0) throw new Error('cache-hit prepare executed a step');
    if (!(await selectOnce(prepared.result.dsn))) throw new Error('SELECT 1 through the result DSN failed');
    hits.push({ ms: since(prepared.started) });
    await hitEngine.deleteInstance(prepared.result.instance_id);
  }
  const stat = (runs) => summarize(runs.map((r) => r.ms));
  const report = {
    benchmark: 'liquibase',
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, kernel: os.release(), node: process.version },
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    config,
    method: 'cold: POST lb prepare on a fresh engine store → result event (one state per changeset); cache hit: the same request again on the last cold store → result event + SELECT 1; floor: initdb + postgres (engine build settings) + one `liquibase update` of the same changelog with the same distribution. Engine: Docker runtime, btrfs loop mount.',
    cold: stat(cold),
    cacheHit: stat(hits),
    floor: { ...stat(floor), liquibaseUpdateMs: summarize(floor.map((r) => r.phases.liquibaseUpdateMs)) },
  };
  report.totalSeconds = Math.round((Date.now() - started) / 1000);
  printTable(
    ['path', 'n', 'p50 ms', 'p95 ms'],
    [
      [`engine cold (${config.changesets} changesets, ${config.mode} runner)`, report.cold.n, report.cold.p50.toFixed(0), report.cold.p95.toFixed(0)],
      [`engine cache hit (${config.mode} runner)`, report.cacheHit.n, report.cacheHit.p50.toFixed(0), report.cacheHit.p95.toFixed(0)],
      ['floor: initdb + start + liquibase update', report.floor.n, report.floor.p50.toFixed(0), report.floor.p95.toFixed(0)],
      ['floor: liquibase update alone', report.floor.liquibaseUpdateMs.n, report.floor.liquibaseUpdateMs.p50.toFixed(0), report.floor.liquibaseUpdateMs.p95.toFixed(0)],
    ],
  );
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, 'liquibase.json'), json);
  fs.writeFileSync(path.join(dir, `liquibase-${report.at.replace(/[:.]/g, '-')}.json`), json);
  process.stdout.write(`wrote bench/results/liquibase.json (total ${report.totalSeconds} s)\n`);
}

runBench(main);
