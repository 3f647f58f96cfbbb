import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { INIT_ENV, SINGLE_USER_SQL, initdbArgv, singleUserArgv } from '../init-commands.js';
import { lineSplitter } from '../line-splitter.js';
import { PG_HBA_CONF } from '../pg-hba.js';
import type { InitSpec, LineSink, ResolvedImage } from '../runtime.js';
import { CONTAINER_DATA_DIR, CONTAINER_PGDATA, sandboxMounts } from './container-spec.js';
import { ensureOwnedDir, initLabels, serverUser } from './docker-context.js';
import type { DockerContext } from './docker-context.js';
import { dockerFailure } from './docker-errors.js';
import { envEntries } from './docker-exec.js';
import { runOneShot } from './run-one-shot.js';

/** Quotes one word for `sh -c` (single quotes; an embedded quote becomes `'\''`). */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The one-shot init script: `initdb`, then `postgres --single` reading the role statements from
 * `$SQLRS_SINGLE_USER_SQL` on stdin, so the whole init needs one container and no attached stdin.
 */
export function initScript(postgresPath: string, spec: InitSpec): string {
  const initdb = join(dirname(postgresPath), 'initdb');
  const initdbCommand = [initdb, ...initdbArgv(CONTAINER_PGDATA, spec)].map(shellQuote).join(' ');
  const singleCommand = [postgresPath, ...singleUserArgv(CONTAINER_PGDATA)].map(shellQuote).join(' ');
  return `${initdbCommand} && printf '%s' "$SQLRS_SINGLE_USER_SQL" | ${singleCommand}`;
}

/**
 * True for a server message of ERROR severity or worse (`… [23] ERROR:  role "x" already exists`):
 * `postgres --single` reports a failed statement only on its output and still exits 0.
 */
export function isServerErrorLine(line: string): boolean {
  return /(?:^|\s)(?:ERROR|FATAL|PANIC):\s/.test(line);
}

/**
 * initdb into `dataDir/pgdata` as the server uid inside a one-shot container (no network), adds
 * the `postgres` role in single-user mode, then writes sqlrs's `pg_hba.conf` (engine.md §7.1).
 */
export async function dockerInitBase(
  context: DockerContext,
  image: ResolvedImage,
  dataDir: string,
  spec: InitSpec,
  sink: LineSink,
): Promise<void> {
  const facts = await context.images.factsOf(image.imageKey, image.displayRef);
  const user = await serverUser(context, image);
  // As root the server uid must traverse the data directory to reach pgdata/ (engine.md §5.1).
  const mode = context.engineUser.uid === 0 ? 0o711 : 0o700;
  await mkdir(dataDir, { recursive: true, mode });
  await chmod(dataDir, mode);
  await ensureOwnedDir(context, join(dataDir, 'pgdata'), user);
  const tail: string[] = [];
  let serverError = false;
  const collect: LineSink = (stream, line) => {
    if (isServerErrorLine(line)) serverError = true;
    tail.push(line);
    if (tail.length > 50) tail.shift();
    sink(stream, line);
  };
  const writers = { stdout: lineSplitter('stdout', collect), stderr: lineSplitter('stderr', collect) };
  let exitCode: number;
  try {
    ({ exitCode } = await runOneShot(
      context.docker,
      {
        Image: image.imageKey.slice('docker:'.length),
        Entrypoint: ['sh', '-c', initScript(facts.postgresPath, spec)],
        Cmd: [],
        Env: envEntries({ ...INIT_ENV, PGDATA: CONTAINER_PGDATA, SQLRS_SINGLE_USER_SQL: SINGLE_USER_SQL }),
        User: `${user.uid}:${user.gid}`,
        WorkingDir: CONTAINER_DATA_DIR,
        Labels: initLabels(context.storeId),
        HostConfig: {
          Mounts: sandboxMounts({ dataDir, inputDirs: [], user }),
          NetworkMode: 'none',
          RestartPolicy: { Name: 'no' },
        },
      },
      (stream, payload) => writers[stream].write(payload),
    ));
  } catch (error) {
    throw dockerFailure(error, `initialising a base cluster in ${dataDir}`, context.address);
  } finally {
    writers.stdout.end();
    writers.stderr.end();
  }
  if (exitCode !== 0 || serverError) {
    throw new SqlrsError('internal_error', `initdb of the base cluster in ${dataDir} failed (exit code ${exitCode})`, {
      details: tail.join('\n'),
    });
  }
  await writeFile(join(dataDir, 'pgdata', 'pg_hba.conf'), PG_HBA_CONF, { mode: 0o600 });
}
