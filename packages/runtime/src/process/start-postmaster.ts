import { spawn, type ChildProcess } from 'node:child_process';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { BOOTSTRAP_USER } from '../init-commands.js';
import type { PortAllocator } from '../port-allocator.js';
import type { Sandbox, StartSpec } from '../runtime.js';
import { serverSettings, settingsArgv } from '../server-settings.js';
import { waitReady } from '../wait-ready.js';
import { ensureTraversable, makeServerDir, type ServerOwner } from './directory-access.js';
import type { HostBinaries } from './host-binaries.js';
import { PostmasterStatusWatch } from './postmaster-status-watch.js';
import { killPostmaster } from './stop-postmaster.js';
import { refOf, writeRuntimeRecord, type RuntimeRecord } from './runtime-record.js';

/** What a start needs besides the spec. */
export interface StartContext {
  binaries: HostBinaries;
  owner: ServerOwner | undefined;
  roots: readonly string[];
  allocator: PortAllocator;
  path: string;
  now: () => Date;
  /** Called right after spawn, so the sandbox can be found (and removed) while it starts. */
  onSpawn: (record: RuntimeRecord, child: ChildProcess) => void;
}

const BIND_TRIES = 3;
const SUN_PATH_LINUX = 107;
const SUN_PATH_OTHER = 103;
const BIND_FAILURE = /could not bind|could not create any TCP\/IP sockets|Address already in use/;

async function readFrom(path: string, offset: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, size - offset);
    const buffer = Buffer.alloc(Math.min(length, 256 * 1024));
    await handle.read(buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

type Attempt = { ok: true; sandbox: Sandbox } | { ok: false; error: unknown; log: string };

async function spawnOnce(context: StartContext, spec: StartSpec, port: number): Promise<Attempt> {
  const pgdata = join(spec.dataDir, 'pgdata');
  const sandboxDir = dirname(spec.dataDir);
  const logPath = join(sandboxDir, 'postgres.log');
  const owned = serverSettings(spec.purpose, {
    port,
    listenAddresses: '127.0.0.1',
    socketDir: spec.socketDir,
    pgMajor: spec.image.pgMajor,
  });
  const args = ['-D', pgdata, '-k', spec.socketDir, ...settingsArgv({ ...spec.settings, ...owned })];
  const log = await open(logPath, 'a', 0o600);
  const offset = (await log.stat()).size;
  let child: ChildProcess;
  try {
    child = spawn(context.binaries.postgres, args, {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      uid: context.owner?.uid,
      gid: context.owner?.gid,
      env: { PATH: context.path },
      cwd: '/',
    });
  } finally {
    await log.close();
  }
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  child.unref();
  const logTail = async (): Promise<string> =>
    (spawnError === undefined ? '' : `cannot start ${context.binaries.postgres}: ${spawnError.message}\n`) +
    (await readFrom(logPath, offset).catch(() => ''));
  const record: RuntimeRecord = {
    kind: 'process',
    pid: child.pid ?? -1,
    port,
    started_at: context.now().toISOString(),
    store_id: spec.storeId,
    purpose: spec.purpose,
    owner_id: spec.ownerId,
    binary: context.binaries.postgres,
    data_dir: spec.dataDir,
    socket_dir: spec.socketDir,
  };
  const exited = (): boolean => spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
  if (child.pid !== undefined) context.onSpawn(record, child);
  const status = child.pid === undefined ? undefined : new PostmasterStatusWatch(pgdata, child.pid);
  // The record is written while the server starts up (it only has to exist before start resolves);
  // a failure waits for both, so no write lands in a directory the caller is already removing.
  const [written, ready] = await Promise.allSettled([
    child.pid === undefined ? Promise.resolve() : writeRuntimeRecord(join(sandboxDir, 'runtime.json'), record),
    waitReady({ socketDir: spec.socketDir, port, user: BOOTSTRAP_USER, deadlineMs: spec.readyDeadlineMs, exited, logTail, readySql: spec.readySql, readyHint: status }),
  ]).finally(() => status?.close());
  const failed = ready.status === 'rejected' ? ready : written.status === 'rejected' ? written : undefined;
  if (failed !== undefined) {
    if (child.pid !== undefined) await killPostmaster(child.pid);
    return { ok: false, error: failed.reason, log: await logTail() };
  }
  const sandbox: Sandbox = {
    ref: refOf(record, true),
    endpoint: { host: '127.0.0.1', port, innerPort: port, socketDir: spec.socketDir },
  };
  return { ok: true, sandbox };
}

/**
 * Starts `postgres` on `spec.dataDir/pgdata` as a detached process group (engine.md §7.3) and
 * waits until it answers. An allocated port that turns out taken moves on to the next (3 tries).
 */
export async function startPostmaster(context: StartContext, spec: StartSpec): Promise<Sandbox> {
  const socketPath = join(spec.socketDir, '.s.PGSQL.65535');
  const limit = process.platform === 'linux' ? SUN_PATH_LINUX : SUN_PATH_OTHER;
  if (Buffer.byteLength(socketPath) > limit) {
    throw new SqlrsError('internal_error', `socket directory ${spec.socketDir} is too long for a unix socket path (${limit} bytes)`, {
      details: 'pick the socket dir with instanceSocketDir from @sqlrs/statefs, which falls back to /tmp',
    });
  }
  const { owner, roots } = context;
  // Independent directories: prepared side by side (both walks only ever add search bits).
  await Promise.all([
    owner === undefined ? undefined : ensureTraversable(spec.dataDir, roots),
    makeServerDir(spec.socketDir, 0o700, owner).then(() => (owner === undefined ? undefined : ensureTraversable(dirname(spec.socketDir), roots))),
  ]);
  const tries = spec.port === undefined ? BIND_TRIES : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = spec.port ?? (await context.allocator.next());
    const result = await spawnOnce(context, spec, port);
    if (result.ok) return result.sandbox;
    if (attempt >= tries || !BIND_FAILURE.test(result.log)) throw result.error;
  }
}
