import { SqlrsError } from '@sqlrs/errors';

/** What the throw-away probe container learns about an image (engine.md §7.2). */
export interface ImageFacts {
  /** Absolute path of the image's `postgres` binary; `initdb` sits next to it. */
  postgresPath: string;
  pgVersion: string;
  pgMajor: number;
  /** uid/gid of the image's `postgres` user. */
  runUid: number;
  runGid: number;
  locales: string[];
}

/**
 * The probe's shell script: `postgres --version`, `id -u/-g postgres` and `locale -a`, each line
 * tagged so the output parses unambiguously. `postgres` is looked up on the image's PATH, then in
 * Debian's `/usr/lib/postgresql/<major>/bin`.
 */
export const IMAGE_PROBE_SCRIPT = [
  'p=$(command -v postgres 2>/dev/null)',
  'if [ -z "$p" ]; then for f in /usr/lib/postgresql/*/bin/postgres; do [ -x "$f" ] && p=$f; done; fi',
  'echo "sqlrs-bin $p"',
  'echo "sqlrs-version $("$p" --version 2>&1)"',
  'echo "sqlrs-uid $(id -u postgres)"',
  'echo "sqlrs-gid $(id -g postgres)"',
  'locale -a 2>/dev/null | while read -r l; do echo "sqlrs-locale $l"; done',
].join('\n');

const VERSION = /\(PostgreSQL\)\s+((\d+)(?:\.\d+)*(?:beta\d+|rc\d+|devel)?)/;
const ID = /^\d+$/;

function notPostgres(imageRef: string, missing: string, output: string): SqlrsError {
  return new SqlrsError(
    'unavailable',
    `image ${imageRef} does not look like a PostgreSQL image (${missing}); use an image that has postgres, initdb and a postgres user`,
    { details: output },
  );
}

/** Parses the probe's output; a missing binary, version or `postgres` user is `unavailable`. */
export function parseImageProbe(imageRef: string, output: string): ImageFacts {
  const values = new Map<string, string>();
  const locales: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const space = line.indexOf(' ');
    if (!line.startsWith('sqlrs-') || space === -1) continue;
    const key = line.slice('sqlrs-'.length, space);
    const value = line.slice(space + 1).trim();
    if (key === 'locale') {
      if (value !== '') locales.push(value);
    } else {
      values.set(key, value);
    }
  }
  const postgresPath = values.get('bin') ?? '';
  if (!postgresPath.startsWith('/')) throw notPostgres(imageRef, 'no postgres binary found', output);
  const version = VERSION.exec(values.get('version') ?? '');
  if (version === null) throw notPostgres(imageRef, 'postgres --version did not print a version', output);
  const uid = values.get('uid') ?? '';
  const gid = values.get('gid') ?? '';
  if (!ID.test(uid) || !ID.test(gid)) throw notPostgres(imageRef, 'no postgres user', output);
  return {
    postgresPath,
    pgVersion: version[1] ?? '',
    pgMajor: Number(version[2]),
    runUid: Number(uid),
    runGid: Number(gid),
    locales,
  };
}
