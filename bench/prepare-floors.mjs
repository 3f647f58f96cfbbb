// The bare floors of the prepare benchmark, without the engine: clone + start of a state's data
// (btrfs `subvolume snapshot`, then `postgres` as the server user or `docker run` of the image,
// until SELECT 1 answers), and plain psql on a fresh server of the same runtime (initdb + start +
// psql -f …, then CHECKPOINT + syncfs timed apart).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pollSelect, run, since } from './prepare-lib.mjs';

/** The settings the engine gives its servers (runtime server-settings.ts), as `-c` arguments. */
export function serverArgs({ port, socketDir, build }) {
  const settings = {
    fsync: 'off',
    full_page_writes: 'off',
    listen_addresses: '127.0.0.1',
    port: String(port),
    recovery_init_sync_method: 'syncfs',
    synchronous_commit: 'off',
    unix_socket_directories: socketDir,
    unix_socket_permissions: '0700',
    ...(build ? { wal_level: 'minimal', max_wal_senders: '0', checkpoint_timeout: '1h' } : {}),
  };
  return Object.keys(settings).sort().flatMap((k) => ['-c', `${k}=${settings[k]}`]);
}

/** A 0700 directory owned by `owner` ({uid, gid}). */
export function ownedDir(dir, owner) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chownSync(dir, owner.uid, owner.gid);
  return dir;
}

/** The engine's initdb arguments after `-D` (runtime init-commands.ts). */
const INITDB_ARGS = ['-U', 'sqlrs', '-E', 'UTF8', '--locale=C.UTF-8', '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '--no-instructions'];

const asUser = (owner) => ({ cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC' }, uid: owner.uid, gid: owner.gid });

/** Spawns `postgres -D pgdata …` as `owner`; resolves with a stop function (SIGINT = fast shutdown). */
export function spawnPostgres({ binDir, pgdata, args, owner, logFile }) {
  const log = fs.openSync(logFile, 'a', 0o600);
  const child = spawn(path.join(binDir, 'postgres'), ['-D', pgdata, ...args], { ...asUser(owner), detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  child.once('error', (error) => process.stderr.write(`postgres: ${error.message}\n`));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    await exited;
  };
}

/**
 * Floor for the process runtime: snapshot the state subvolume, start `postgres` on it as the
 * server user, poll SELECT 1 over the socket (5 ms); stop and delete the snapshot afterwards.
 */
export function processFloor({ stateDir, cloneRoot, socketDir, binDir, owner, port, logFile }) {
  let count = 0;
  let current;
  return {
    name: 'floor: snapshot + postgres',
    async start() {
      count += 1;
      const dest = path.join(cloneRoot, `p${count}`);
      const started = performance.now();
      await run('btrfs', ['subvolume', 'snapshot', stateDir, dest]);
      const snapshotMs = since(started);
      const stop = spawnPostgres({ binDir, pgdata: path.join(dest, 'pgdata'), args: serverArgs({ port, socketDir }), owner, logFile });
      current = { dest, stop };
      const polls = await pollSelect({ host: socketDir, port, user: 'postgres', database: 'postgres' });
      return { ms: since(started), phases: { snapshotMs, startToSelectMs: since(started) - snapshotMs, polls } };
    },
    async stop() {
      if (current === undefined) return;
      const { dest, stop } = current;
      current = undefined;
      await stop();
      await run('btrfs', ['subvolume', 'delete', dest]);
    },
  };
}

/**
 * Floor for the Docker runtime: snapshot the state subvolume, `docker run -d` of the image with
 * the engine's container shape (entrypoint, user, host network, data and socket bind mounts), poll
 * SELECT 1 over the bind-mounted socket (5 ms); `docker rm -f` and delete the snapshot afterwards.
 */
export function dockerFloor({ stateDir, cloneRoot, socketDir, image, entrypoint, user, label, port }) {
  let count = 0;
  let current;
  return {
    name: 'floor: snapshot + docker run',
    async start() {
      count += 1;
      const dest = path.join(cloneRoot, `d${count}`);
      const name = `sqlrs-bench-prep-${label.slice(0, 8)}-${count}`;
      const started = performance.now();
      await run('btrfs', ['subvolume', 'snapshot', stateDir, dest]);
      const snapshotMs = since(started);
      current = { dest, name };
      await run('docker', [
        'run', '-d', '--name', name, '--label', `sqlrs.bench=${label}`, '--network', 'host', '--user', user, '--entrypoint', entrypoint,
        '--mount', `type=bind,source=${dest},target=/var/lib/postgresql/data`,
        '--mount', `type=bind,source=${socketDir},target=/var/run/postgresql`,
        image, '-D', '/var/lib/postgresql/data/pgdata', ...serverArgs({ port, socketDir: '/var/run/postgresql' }),
      ]);
      const dockerRunMs = since(started) - snapshotMs;
      const polls = await pollSelect({ host: socketDir, port, user: 'postgres', database: 'postgres' });
      return { ms: since(started), phases: { snapshotMs, dockerRunMs, runToSelectMs: since(started) - snapshotMs - dockerRunMs, polls } };
    },
    async stop() {
      if (current === undefined) return;
      const { dest, name } = current;
      current = undefined;
      await run('docker', ['rm', '-f', '-v', name]);
      await run('btrfs', ['subvolume', 'delete', dest]);
    },
  };
}

/** The fresh server's files as durable as a `ready` state's: a CHECKPOINT, then one syncfs (engine.md §6.4). */
async function makeDurable({ binDir, socketDir, port, pgdata }) {
  const started = performance.now();
  await run(path.join(binDir, 'psql'), ['-X', '-q', '-h', socketDir, '-p', String(port), '-U', 'sqlrs', '-d', 'postgres', '-c', 'CHECKPOINT']);
  await run('sync', ['--file-system', pgdata]);
  return since(started);
}

/** `psql -X -v ON_ERROR_STOP=1 -f …` of the workload against a started server. */
function psqlFiles({ binDir, socketDir, port, files }) {
  return run(path.join(binDir, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', 'sqlrs', '-d', 'postgres', ...files.flatMap((f) => ['-f', f])]);
}

/**
 * Plain psql on a fresh host server: initdb (the engine's arguments) + `postgres` (the engine's
 * build settings) until SELECT 1, then psql of the same files; then CHECKPOINT + syncfs, timed
 * apart (`durableMs`). The server is stopped afterwards (untimed).
 */
export async function plainPsql({ dir, binDir, owner, port, files }) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o711 });
  fs.chownSync(dir, owner.uid, owner.gid);
  const socketDir = ownedDir(path.join(dir, 'sock'), owner);
  const pgdata = path.join(dir, 'pgdata');
  const started = performance.now();
  await run(path.join(binDir, 'initdb'), ['-D', pgdata, ...INITDB_ARGS], asUser(owner));
  const initdbMs = since(started);
  const stop = spawnPostgres({ binDir, pgdata, args: serverArgs({ port, socketDir, build: true }), owner, logFile: path.join(dir, 'postgres.log') });
  try {
    await pollSelect({ host: socketDir, port, user: 'sqlrs', database: 'postgres' });
    const startMs = since(started) - initdbMs;
    await psqlFiles({ binDir, socketDir, port, files });
    const ms = since(started);
    const durableMs = await makeDurable({ binDir, socketDir, port, pgdata });
    return { ms, durableMs, phases: { initdbMs, startMs, psqlMs: ms - initdbMs - startMs, durableMs }, socketDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves with the container's log tail once it has exited (a failed initdb), else undefined. */
async function containerExited(name) {
  const state = (await run('docker', ['inspect', '--format', '{{.State.Status}}', name]).catch(() => 'gone')).trim();
  if (state !== 'exited' && state !== 'dead' && state !== 'gone') return undefined;
  const logs = await run('docker', ['logs', '--tail', '20', name]).catch((error) => String(error));
  return `container ${name} ${state}: ${logs}`;
}

/**
 * Plain psql on a fresh server in the image, for the Docker runtime: one `docker run` (host
 * network, the engine's data and socket bind mounts, the image's postgres user) whose shell runs
 * initdb and then execs `postgres` with the build settings, until SELECT 1; then host psql of the
 * files and CHECKPOINT + syncfs as above. `stop` removes the container (untimed).
 */
export async function plainPsqlDocker({ dir, binDir, image, port, files, label, cleanup }) {
  const [uid, gid] = (await run('docker', ['run', '--rm', '--entrypoint', 'sh', image, '-c', 'id -u postgres; id -g postgres'])).trim().split('\n').map(Number);
  const owner = { uid, gid };
  fs.mkdirSync(dir, { recursive: true, mode: 0o711 });
  const dataDir = ownedDir(path.join(dir, 'data'), owner);
  const socketDir = ownedDir(path.join(dir, 'sock'), owner);
  const name = `sqlrs-bench-plain-${path.basename(dir)}-${process.pid}`;
  const pgdata = '/var/lib/postgresql/data/pgdata';
  const script = `initdb -D ${pgdata} ${INITDB_ARGS.join(' ')} > /dev/null && exec postgres -D ${pgdata} ${serverArgs({ port, socketDir: '/var/run/postgresql', build: true }).join(' ')}`;
  const remove = () => run('docker', ['rm', '-f', '-v', name]).then(() => undefined);
  // Registered before the run, so an interrupted start never leaves a container holding the mount.
  const stop = cleanup.push(`plain container ${name}`, remove);
  const started = performance.now();
  try {
    await run('docker', [
      'run', '-d', '--name', name, '--label', `sqlrs.bench=${label}`, '--network', 'host', '--user', `${uid}:${gid}`, '--entrypoint', 'sh',
      '--mount', `type=bind,source=${dataDir},target=/var/lib/postgresql/data`,
      '--mount', `type=bind,source=${socketDir},target=/var/run/postgresql`,
      image, '-c', script,
    ]);
    await pollSelect({ host: socketDir, port, user: 'sqlrs', database: 'postgres' }, { exited: () => containerExited(name) });
    const initAndStartMs = since(started);
    await psqlFiles({ binDir, socketDir, port, files });
    const ms = since(started);
    const durableMs = await makeDurable({ binDir, socketDir, port, pgdata: path.join(dataDir, 'pgdata') });
    return { ms, durableMs, phases: { initAndStartMs, psqlMs: ms - initAndStartMs, durableMs }, socketDir, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
