import type { InitSpec } from './runtime.js';

/** The bootstrap superuser `initdb` creates; the engine's sessions log in as it. */
export const BOOTSTRAP_USER = 'sqlrs';

/** Environment `initdb` runs with besides PATH: pins the cluster's `timezone`/`log_timezone` to UTC. */
export const INIT_ENV: Readonly<Record<string, string>> = { TZ: 'UTC' };

/** Arguments of `initdb` (after the binary) for a base cluster in `pgdataDir` (engine.md §7.1). */
export function initdbArgv(pgdataDir: string, spec: InitSpec): string[] {
  return [
    '-D',
    pgdataDir,
    '-U',
    BOOTSTRAP_USER,
    '-E',
    spec.encoding,
    `--locale=${spec.locale}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '--no-instructions',
  ];
}

/** Arguments of `postgres` (after the binary) for the single-user session that adds the roles. */
export function singleUserArgv(pgdataDir: string): string[] {
  return ['--single', '-D', pgdataDir, 'postgres'];
}

/**
 * Statements fed on stdin to `postgres --single` (one per line): the `postgres` role, a
 * passwordless superuser that can log in only over the socket (pg_hba needs a password on TCP).
 */
export const SINGLE_USER_SQL = 'CREATE ROLE postgres SUPERUSER LOGIN;\n';
