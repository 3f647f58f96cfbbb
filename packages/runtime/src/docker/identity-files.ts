import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The uid/gid the engine runs as. */
export interface EngineUser {
  uid: number;
  gid: number;
}

/**
 * `/etc/passwd` and `/etc/group` for a container run by a non-root engine (engine.md §7.2):
 * `postgres` carries the engine's uid/gid, so `initdb`'s and `psql`'s user lookups succeed and
 * every file the server writes stays the engine user's.
 */
export function identityFileContents(user: EngineUser): { passwd: string; group: string } {
  return {
    passwd: [
      'root:x:0:0:root:/root:/bin/sh',
      `postgres:x:${user.uid}:${user.gid}:PostgreSQL administrator:/var/lib/postgresql:/bin/sh`,
      '',
    ].join('\n'),
    group: ['root:x:0:', `postgres:x:${user.gid}:`, ''].join('\n'),
  };
}

/** Writes the identity files into `dir` (created 0700) and returns their paths; idempotent. */
export async function writeIdentityFiles(dir: string, user: EngineUser): Promise<{ passwd: string; group: string }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const contents = identityFileContents(user);
  const paths = { passwd: join(dir, 'passwd'), group: join(dir, 'group') };
  await writeFile(paths.passwd, contents.passwd, { mode: 0o644 });
  await writeFile(paths.group, contents.group, { mode: 0o644 });
  return paths;
}
