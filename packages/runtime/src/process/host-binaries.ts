import { execFile } from 'node:child_process';
import { readdir, realpath, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { SqlrsError } from '@sqlrs/errors';
import { isExecutableFile } from '../executables.js';

const run = promisify(execFile);

/** One PostgreSQL installation on the host: its bin dir, version and the binaries sqlrs runs. */
export interface HostBinaries {
  binDir: string;
  /** `15.18` as printed by `postgres --version`. */
  pgVersion: string;
  pgMajor: number;
  postgres: string;
  initdb: string;
  psql: string;
}

/** Where to look: the configured dir, the PATH, and a way to ask `pg_config`. */
export interface BinarySearchOptions {
  binDir?: string | null;
  path?: string;
  /** Prints `pg_config --bindir`; undefined when pg_config is absent (default: pg_config on `path`). */
  pgConfigBindir?: () => Promise<string | undefined>;
}

const WELL_KNOWN = ['/usr/lib/postgresql/<m>/bin', '/usr/pgsql-<m>/bin', '/opt/homebrew/opt/postgresql@<m>/bin'];

async function pathPgConfigBindir(path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('pg_config', ['--bindir'], { timeout: 10_000, env: { PATH: path } });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Parses `postgres (PostgreSQL) 15.18 (Debian …)` into its version and major. */
export function parsePostgresVersion(output: string): { pgVersion: string; pgMajor: number } | undefined {
  const match = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)*\S*)/.exec(output);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { pgVersion: match[1], pgMajor: Number.parseInt(match[2], 10) };
}

// Expands the well-known patterns for one major, or for every major present on the host.
async function wellKnownDirs(major: number | undefined): Promise<{ dirs: string[]; searched: string[] }> {
  if (major !== undefined) {
    const dirs = WELL_KNOWN.map((pattern) => pattern.replace('<m>', String(major)));
    return { dirs, searched: dirs };
  }
  const dirs: string[] = [];
  for (const pattern of WELL_KNOWN) {
    const [before = '', after = ''] = pattern.split('<m>');
    const parent = before.slice(0, before.lastIndexOf('/'));
    const prefix = before.slice(before.lastIndexOf('/') + 1);
    const entries = await readdir(parent).catch(() => [] as string[]);
    for (const entry of entries) {
      if (entry.startsWith(prefix) && /^\d+$/.test(entry.slice(prefix.length))) dirs.push(join(parent, entry) + after);
    }
  }
  return { dirs, searched: WELL_KNOWN };
}

async function inspect(dir: string): Promise<HostBinaries | undefined> {
  const [postgres, initdb, psql] = ['postgres', 'initdb', 'psql'].map((name) => join(dir, name)) as [string, string, string];
  for (const file of [postgres, initdb, psql]) if (!(await isExecutableFile(file))) return undefined;
  try {
    const { stdout } = await run(postgres, ['--version'], { timeout: 10_000 });
    const version = parsePostgresVersion(stdout);
    return version === undefined ? undefined : { binDir: dir, ...version, postgres, initdb, psql };
  } catch {
    return undefined;
  }
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string): number[] => v.split(/[^\d]+/).filter(Boolean).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Finds host PostgreSQL binaries (engine.md §7.3): `binDir`, then `pg_config --bindir`, then PATH
 * (where `postgres` and `initdb` sit together), then well-known dirs. With a major the first match
 * of that major wins; without one the newest found. Nothing found → `unavailable` naming every place.
 */
export async function findHostBinaries(major: number | undefined, options: BinarySearchOptions): Promise<HostBinaries> {
  const candidates: string[] = [];
  const searched: string[] = [];
  if (options.binDir) {
    candidates.push(options.binDir);
    searched.push(`runtime.process.binDir (${options.binDir})`);
  }
  const pgConfig = await (options.pgConfigBindir ?? (() => pathPgConfigBindir(options.path ?? '')))();
  searched.push(pgConfig === undefined ? 'pg_config --bindir (pg_config not found)' : `pg_config --bindir (${pgConfig})`);
  if (pgConfig !== undefined) candidates.push(pgConfig);
  const pathDirs = (options.path ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const dir of pathDirs) {
    if ((await isExecutableFile(join(dir, 'postgres'))) && (await isExecutableFile(join(dir, 'initdb')))) candidates.push(dir);
  }
  searched.push('PATH');
  const known = await wellKnownDirs(major);
  candidates.push(...known.dirs);
  searched.push(...known.searched);

  const seen = new Set<string>();
  const found: HostBinaries[] = [];
  for (const dir of candidates) {
    const real = await realpath(dir).catch(() => undefined);
    if (real === undefined || seen.has(real)) continue;
    seen.add(real);
    const binaries = await inspect(dir);
    if (binaries === undefined || (major !== undefined && binaries.pgMajor !== major)) continue;
    if (major !== undefined) return binaries;
    found.push(binaries);
  }
  const newest = found.sort((a, b) => compareVersions(b.pgVersion, a.pgVersion))[0];
  if (newest !== undefined) return newest;
  const what = major === undefined ? 'PostgreSQL' : `PostgreSQL ${major}`;
  const pkg = major === undefined ? 'postgresql' : `postgresql-${major}`;
  throw new SqlrsError(
    'unavailable',
    `${what} server binaries (postgres, initdb, psql) were not found in ${searched.join(', ')}; ` +
      `install them (e.g. apt-get install ${pkg}) or set runtime.process.binDir`,
  );
}

/** Identity of the found binaries (inode, size, mtime of each); a changed install changes it. */
export async function binariesStamp(binaries: HostBinaries): Promise<string> {
  const files = [binaries.postgres, binaries.initdb, binaries.psql];
  const stats = await Promise.all(files.map((file) => stat(file).catch(() => undefined)));
  return files.map((file, i) => {
    const st = stats[i];
    return st === undefined ? `${file}:missing` : `${file}:${st.ino}:${st.size}:${st.mtimeMs}`;
  }).join('|');
}
