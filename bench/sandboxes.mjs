// `pnpm bench` (second part): the sandbox layers of issue 3 §5, in one run.
// 1. Snapshot backends (btrfs and XFS-reflink loop mounts, copy on the root filesystem under
//    /var/tmp): snapshot / cloneForBuild / cloneForInstance of a fresh initdb PGDATA and of one
//    grown to ~1 GiB, p50 per op and the ratio large/small.
// 2. Runtimes (docker, process): start → first SELECT 1 by the bench, next to `docker run` (CLI)
//    and `pg_ctl start -w` on the same data dir, interleaved; p50/p95 and runtime/baseline p50.
// Prints tables and writes bench/results/sandboxes.json (+ a timestamped copy). Needs root for
// loop mounts and the docker daemon with the test image (scripts/provision.sh); missing parts are
// reported as skipped. Knobs: BENCH_SNAPSHOT_REPS (5), BENCH_RUNTIME_STARTS (20),
// BENCH_LARGE_MB (1024), BENCH_LOOP_SIZE (4G), BENCH_BACKENDS (btrfs,reflink,copy),
// BENCH_RUNTIMES (docker,process), BENCH_IMAGE (sqlrs-test/postgres:15), BENCH_PROCESS_IMAGE
// (postgres:15).
import './uv-threadpool.mjs';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PortAllocator, createDockerRuntime, createProcessRuntime } from '@sqlrs/runtime';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import { buildPgdataFixtures } from './pgdata-fixtures.mjs';
import { dockerGroup, processGroup, runInterleaved } from './runtime-bench.mjs';
import { checkpoint, run, runBench } from './sandbox-lib.mjs';
import { printReport } from './sandbox-report.mjs';
import { benchSnapshotBackend } from './snapshot-bench.mjs';

const here = import.meta.dirname;
const loopStore = path.resolve(here, '../scripts/loop-store.sh');
const list = (value) => value.split(',').map((s) => s.trim()).filter(Boolean);
const config = {
  snapshotReps: Number(process.env.BENCH_SNAPSHOT_REPS ?? 5),
  runtimeStarts: Number(process.env.BENCH_RUNTIME_STARTS ?? 20),
  largeMb: Number(process.env.BENCH_LARGE_MB ?? 1024),
  loopSize: process.env.BENCH_LOOP_SIZE ?? '4G',
  backends: list(process.env.BENCH_BACKENDS ?? 'btrfs,reflink,copy'),
  runtimes: list(process.env.BENCH_RUNTIMES ?? 'docker,process'),
  image: process.env.BENCH_IMAGE ?? 'sqlrs-test/postgres:15',
  processImage: process.env.BENCH_PROCESS_IMAGE ?? 'postgres:15',
  uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE),
};
const asRoot = process.getuid?.() === 0;
const log = (message) => process.stderr.write(`[sandboxes] ${message}\n`);

/** The directory a backend is measured on: a fresh loop mount (btrfs, XFS) or a plain directory. */
async function backendRoot(kind, work, cleanup) {
  if (kind === 'copy') {
    const root = path.join(work, 'copy');
    await mkdir(root, { mode: 0o711 });
    return { root, release: async () => rm(root, { recursive: true, force: true }) };
  }
  if (!asRoot) return { skipped: `${kind} needs a loop mount, which needs root` };
  const fsType = kind === 'btrfs' ? 'btrfs' : 'xfs';
  const root = path.join(work, fsType);
  const release = cleanup.push(`unmount ${root}`, () => run(loopStore, ['remove', root]));
  await run(loopStore, ['create', fsType, root, config.loopSize]);
  await chmod(root, 0o711);
  return { root, release };
}

async function snapshotSection(work, fixtures, cleanup) {
  const results = [];
  for (const kind of config.backends) {
    checkpoint();
    const target = await backendRoot(kind, work, cleanup);
    if (target.skipped !== undefined) {
      log(`${kind}: skipped (${target.skipped})`);
      results.push({ backend: kind, skipped: target.skipped });
      continue;
    }
    try {
      const fsType = (await run('stat', ['-f', '-c', '%T', target.root])).trim();
      results.push({ fsType, ...(await benchSnapshotBackend({ kind, root: target.root, fixtures, reps: config.snapshotReps, log })) });
    } finally {
      await target.release();
    }
  }
  return results;
}

async function runtimeSection({ work, layout, storeId, fixtures, processRuntime, processImage, cleanup }) {
  checkpoint();
  const ports = new PortAllocator({ range: [25432, 25999] });
  const groups = [];
  const skipped = [];
  if (config.runtimes.includes('docker')) {
    const runtime = createDockerRuntime({ storeId, network: 'host', layout });
    const probe = await runtime.probe();
    if (!probe.ok) skipped.push({ runtime: 'docker', skipped: `${probe.reason}; ${probe.fix}` });
    else {
      cleanup.push('docker sandboxes', async () => {
        for (const ref of await runtime.list(storeId)) await runtime.remove(ref);
      });
      const image = await runtime.resolveImage(config.image, { pull: 'never' });
      const port = await ports.next();
      groups.push(await dockerGroup({ layout, storeId, runtime, image, imageRef: config.image, fixtureDir: fixtures.small, workDir: work, port, cleanup }));
    }
  }
  if (config.runtimes.includes('process')) {
    const binDir = (await run('pg_config', ['--bindir'])).trim();
    const port = await ports.next();
    groups.push(await processGroup({ layout, storeId, runtime: processRuntime, image: processImage, binDir, fixtureDir: fixtures.small, workDir: work, port, cleanup }));
  }
  for (const s of skipped) log(`${s.runtime}: skipped (${s.skipped})`);
  return [...(await runInterleaved(groups, config.runtimeStarts, log)), ...skipped];
}

async function main(cleanup) {
  const started = Date.now();
  const loadAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);
  try {
    const work = await mkdtemp(path.join('/var/tmp', 'sqlrs-bench-sbx-'));
    cleanup.push(`remove ${work}`, () => rm(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }));
    await chmod(work, 0o711); // the server users traverse it to reach PGDATA and socket dirs
    const storeId = randomBytes(16).toString('hex');
    cleanup.push('socket fallback dir', () => rm(`/tmp/sqlrs-${process.getuid?.() ?? 0}-${storeId.slice(0, 8)}`, { recursive: true, force: true }));
    const layout = new StoreLayout(path.join(work, 'store'));
    await ensureStoreDirs(layout, { asRoot });

    const processRuntime = createProcessRuntime({ layout });
    const probe = await processRuntime.probe();
    if (!probe.ok) throw new Error(`process runtime unavailable (needed for the fixtures): ${probe.reason}; ${probe.fix}`);
    cleanup.push('process sandboxes', async () => {
      for (const ref of await processRuntime.list(storeId)) await processRuntime.remove(ref);
    });
    const processImage = await processRuntime.resolveImage(config.processImage, { pull: 'never' });
    const fixtures = await buildPgdataFixtures({ layout, runtime: processRuntime, image: processImage, storeId, largeMb: config.largeMb, log });

    const snapshots = await snapshotSection(work, fixtures, cleanup);
    const runtimes = await runtimeSection({ work, layout, storeId, fixtures, processRuntime, processImage, cleanup });

    const dockerVersion = await run('docker', ['version', '--format', '{{.Server.Version}}']).then((v) => v.trim(), () => null);
    const report = {
      benchmark: 'sandboxes',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, kernel: os.release(), node: process.version, docker: dockerVersion, root: asRoot },
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
      config,
      method: {
        snapshots: 'fixtures: small = fresh initdb (process runtime initBase), large = small + one table of BENCH_LARGE_MB; cp -a onto each root into a createVolume; capture = snapshot(volume → new dir), clones from a captured state; ms per call; destroy + awaitFree + sync (untimed for the op) between calls',
        runtimes: 'same data dir per runtime (cp -a of the small fixture, chowned to the server uid); runtime: start() then one SELECT 1 over the socket by the bench; docker run: `docker run -d` (host network, data + socket dir bind-mounted), then SELECT 1 polled every 5 ms; pg_ctl: `pg_ctl start -w` as the server user, then SELECT 1; order of subjects alternates every round; stop + remove after every start',
      },
      pgVersion: processImage.pgVersion,
      snapshots,
      runtimes,
    };
    report.totalSeconds = Math.round((Date.now() - started) / 1000);
    printReport(report);
    const dir = path.join(here, 'results');
    fs.mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    fs.writeFileSync(path.join(dir, 'sandboxes.json'), json);
    fs.writeFileSync(path.join(dir, `sandboxes-${report.at.replace(/[:.]/g, '-')}.json`), json);
    process.stdout.write(`wrote bench/results/sandboxes.json (${report.totalSeconds} s)\n`);
  } finally {
    await cleanup.runAll();
  }
}

runBench(main);
