// Section 2 of the sandbox benchmark: start-to-first-query latency of each sqlrs runtime next to
// its plain baseline on the same data dir (a copy of the small fixture), interleaved in one run.
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { instanceSocketDir } from '@sqlrs/statefs';
import { checkpoint, percentile, run, summarize } from './sandbox-lib.mjs';
import { dockerRunSubject, pgCtlSubject, postgresExecSubject, runtimeSubject } from './runtime-subjects.mjs';

/** Runtime p50 may be at most this multiple of the baseline p50 (issue 3 acceptance). */
export const START_RATIO_GATE = 1.2;

const asRoot = process.getuid?.() === 0;

/** An instance directory of the store holding a `cp -a` copy of `fixtureDir/pgdata`. */
async function instanceCopy(layout, storeId, fixtureDir, owner) {
  const id = randomBytes(16).toString('hex');
  const dataDir = layout.instanceDataDir(id);
  await mkdir(dataDir, { recursive: true, mode: 0o711 });
  await chmod(dirname(dataDir), 0o711);
  await chmod(dataDir, 0o711);
  await run('cp', ['-a', join(fixtureDir, 'pgdata'), join(dataDir, 'pgdata')]);
  if (owner !== undefined) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, join(dataDir, 'pgdata')]);
  const socketDir = instanceSocketDir(layout, id, { port: 65535, uid: process.getuid?.() ?? 0, storeId });
  return { id, dataDir, socketDir };
}

/** A 0700 directory (socket dir) or 0600 file (log) for the baselines, owned by the server user. */
async function ownedPath(path, owner, kind) {
  if (kind === 'dir') await mkdir(path, { recursive: true, mode: 0o700 });
  else await writeFile(path, '', { mode: 0o600 });
  if (owner !== undefined) await chown(path, owner.uid, owner.gid);
  return path;
}

/** The docker runtime and `docker run` of the same image on one data dir. */
export async function dockerGroup({ layout, storeId, runtime, image, imageRef, fixtureDir, workDir, port, cleanup }) {
  const owner = asRoot ? { uid: image.runUid, gid: image.runGid } : undefined;
  const dirs = await instanceCopy(layout, storeId, fixtureDir, owner);
  const subjects = [
    runtimeSubject({ name: 'docker runtime', runtime, image, storeId, ownerId: dirs.id, dataDir: dirs.dataDir, socketDir: dirs.socketDir }),
    dockerRunSubject({ name: 'docker run (CLI)', imageRef, label: storeId, dataDir: dirs.dataDir, socketDir: await ownedPath(join(workDir, 'sock-docker'), owner, 'dir'), port }),
  ];
  for (const subject of subjects) cleanup.push(`abort ${subject.name}`, () => subject.abort());
  return { runtime: 'docker', subjects, info: [] };
}

/** The process runtime, `pg_ctl start -w`, and a bare `postgres` spawn on one data dir. */
export async function processGroup({ layout, storeId, runtime, image, binDir, fixtureDir, workDir, port, cleanup }) {
  const owner = asRoot ? { uid: image.runUid, gid: image.runGid } : undefined;
  const dirs = await instanceCopy(layout, storeId, fixtureDir, owner);
  const socketDir = await ownedPath(join(workDir, 'sock-pg'), owner, 'dir');
  const common = { binDir, owner, dataDir: dirs.dataDir, socketDir, port };
  const subjects = [
    runtimeSubject({ name: 'process runtime', runtime, image, storeId, ownerId: dirs.id, dataDir: dirs.dataDir, socketDir: dirs.socketDir }),
    pgCtlSubject({ name: 'pg_ctl start -w', ...common, logFile: await ownedPath(join(workDir, 'pg_ctl.log'), owner, 'file') }),
  ];
  const info = [postgresExecSubject({ name: 'postgres exec (floor)', ...common, logFile: join(workDir, 'postgres-exec.log') })];
  for (const subject of [...subjects, ...info]) cleanup.push(`abort ${subject.name}`, () => subject.abort());
  return { runtime: 'process', subjects, info };
}

function phaseMedians(results) {
  const names = Object.keys(results[0]?.phases ?? {});
  return Object.fromEntries(names.map((n) => [n, Math.round(percentile(results.map((r) => r.phases[n]), 50) * 10) / 10]));
}

/**
 * Starts every subject `starts + 1` times (the first round is a warm-up), alternating the order
 * of runtime and baseline each round, stop + remove after every start.
 */
export async function runInterleaved(groups, starts, log) {
  const results = new Map();
  for (let round = 0; round <= starts; round += 1) {
    for (const group of groups) {
      const subjects = [...group.subjects, ...group.info];
      for (const subject of round % 2 === 0 ? subjects : subjects.reverse()) {
        checkpoint();
        const result = await subject.start();
        await subject.stop();
        if (round === 0) continue;
        if (!results.has(subject.name)) results.set(subject.name, []);
        results.get(subject.name).push(result);
      }
    }
    if (round % 5 === 0) log(`runtimes: round ${round}/${starts}`);
  }
  return groups.map((group) => {
    const describe = (subject) => {
      const list = results.get(subject.name);
      return { name: subject.name, ...summarize(list.map((r) => r.ms)), phasesP50: phaseMedians(list) };
    };
    const [runtime, baseline] = group.subjects.map(describe);
    const ratio = Math.round((runtime.p50 / baseline.p50) * 100) / 100;
    return {
      runtime: group.runtime,
      subjects: [runtime, baseline],
      info: group.info.map(describe),
      ratioP50: ratio,
      gate: ratio <= START_RATIO_GATE ? 'ok' : 'over',
    };
  });
}
