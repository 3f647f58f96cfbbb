import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { INIT_ENV, SINGLE_USER_SQL, initdbArgv, singleUserArgv } from '../init-commands.js';
import { PG_HBA_CONF } from '../pg-hba.js';
import type { InitSpec, LineSink } from '../runtime.js';
import { ensureTraversable, makeServerDir, type ServerOwner } from './directory-access.js';
import type { HostBinaries } from './host-binaries.js';
import { runCommand } from './run-command.js';

/** What a base init needs to know about the host. */
export interface InitBaseContext {
  binaries: HostBinaries;
  /** Set when the engine is root: initdb and postgres run as this uid, which owns PGDATA. */
  owner: ServerOwner | undefined;
  /** Directories the engine owns; those above PGDATA inside them become traversable as root. */
  roots: readonly string[];
  path: string;
}

const TAIL = 50;

async function runStep(
  context: InitBaseContext,
  what: string,
  command: { file: string; args: string[]; stdin?: string },
  sink: LineSink,
): Promise<void> {
  const tail: string[] = [];
  const result = await runCommand({
    ...command,
    env: { PATH: context.path, ...INIT_ENV },
    cwd: '/',
    uid: context.owner?.uid,
    gid: context.owner?.gid,
    sink: (stream, line) => {
      tail.push(line);
      if (tail.length > TAIL) tail.shift();
      sink(stream, line);
    },
  });
  // postgres --single reports a failed statement but still exits 0.
  if (result.exitCode !== 0 || tail.some((line) => /^(ERROR|FATAL|PANIC):/.test(line.replace(/^backend>\s*/, '')))) {
    throw new SqlrsError('internal_error', `${what} failed (exit code ${result.exitCode}); see details for its output`, {
      details: tail.join('\n'),
    });
  }
}

/**
 * Makes an empty sqlrs cluster in `<dataDir>/pgdata` (engine.md §7.1): initdb with the sqlrs
 * superuser, the `postgres` role in a single-user session, then sqlrs's `pg_hba.conf`.
 */
export async function initBaseCluster(context: InitBaseContext, dataDir: string, spec: InitSpec, sink: LineSink): Promise<void> {
  const pgdata = join(dataDir, 'pgdata');
  await makeServerDir(dataDir, context.owner === undefined ? 0o700 : 0o711, undefined);
  if (context.owner !== undefined) await ensureTraversable(dataDir, context.roots);
  await makeServerDir(pgdata, 0o700, context.owner);
  const { initdb, postgres } = context.binaries;
  await runStep(context, 'initdb', { file: initdb, args: initdbArgv(pgdata, spec) }, sink);
  await runStep(context, 'postgres --single', { file: postgres, args: singleUserArgv(pgdata), stdin: SINGLE_USER_SQL }, sink);
  const hba = join(pgdata, 'pg_hba.conf');
  await writeFile(hba, PG_HBA_CONF, { mode: 0o600 });
  if (context.owner !== undefined) await chown(hba, context.owner.uid, context.owner.gid);
}
