// The two PGDATA fixtures of the sandbox benchmark, built once with the process runtime: a fresh
// base cluster (initdb, "10 MB" nominal) and a copy of it grown with one table to ~largeMb MiB,
// stopped cleanly (fast shutdown, verified by the runtime).
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { assertCleanShutdown } from '@sqlrs/runtime';
import { execSql, run, since } from './sandbox-lib.mjs';

const hex = (bytes) => randomBytes(bytes).toString('hex');

// Each row takes 1 KiB on disk: 936-byte tuple + 4-byte line pointer, 8 per 8 KiB page.
const ROW_BYTES = 1024;

/** A locale for initdb among those the image offers, as the runtime contract picks it. */
function initSpec(locales) {
  const utf8 = ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((l) => locales.includes(l));
  return { encoding: 'UTF8', locale: utf8 ?? 'C' };
}

/**
 * Builds `{ small, large }`: directories holding `pgdata/`, owned by the process runtime's server
 * user. `large` gets `create table t as select g, repeat('x', 900) …` sized to `largeMb`.
 */
export async function buildPgdataFixtures({ layout, runtime, image, storeId, largeMb, log }) {
  const started = performance.now();
  const small = layout.tmpBaseDir(hex(8));
  await runtime.initBase(image, small, initSpec(image.locales), () => undefined);
  log(`base cluster (initdb) in ${Math.round(since(started))} ms`);

  const growStarted = performance.now();
  const jobId = hex(16);
  const buildDir = layout.buildDir(jobId, 0);
  const large = join(buildDir, 'data');
  await mkdir(large, { recursive: true, mode: 0o711 });
  await run('cp', ['-a', join(small, 'pgdata'), join(large, 'pgdata')]);
  const socketDir = join(buildDir, 'run');
  const sandbox = await runtime.start({
    purpose: 'build',
    ownerId: jobId,
    storeId,
    image,
    dataDir: large,
    socketDir,
    settings: {},
    readyDeadlineMs: 60_000,
  });
  try {
    const rows = Math.round((largeMb * 1024 * 1024) / ROW_BYTES);
    await execSql(
      { socketDir, port: sandbox.endpoint.port },
      `create table t as select g, repeat('x', 900) as filler from generate_series(1, ${rows}) g`,
    );
    await runtime.stop(sandbox, { mode: 'fast', timeoutMs: 120_000 });
  } finally {
    await runtime.remove(sandbox.ref);
  }
  await assertCleanShutdown(join(large, 'pgdata'));
  log(`large cluster (${largeMb} MiB table) in ${Math.round(since(growStarted))} ms`);
  return { small, large };
}
