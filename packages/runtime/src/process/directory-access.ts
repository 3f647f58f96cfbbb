import { chmod, chown, mkdir, stat } from 'node:fs/promises';
import { dirname, relative, isAbsolute } from 'node:path';

/** The uid/gid that owns server files when the engine runs as root. */
export interface ServerOwner {
  uid: number;
  gid: number;
}

function isWithin(dir: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const rel = relative(root, dir);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/**
 * Adds search permission for group and others (0711-style) to `dir` and every ancestor that lies
 * inside one of `roots`, so a server uid can reach PGDATA and its socket dir (engine.md §5.1).
 * Directories outside `roots` are not the engine's and stay as they are.
 */
export async function ensureTraversable(dir: string, roots: readonly string[]): Promise<void> {
  let current = dir;
  while (isWithin(current, roots)) {
    const info = await stat(current);
    if ((info.mode & 0o011) !== 0o011) await chmod(current, (info.mode & 0o7777) | 0o011);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

/** Creates `dir` (and missing parents) with `mode`, then makes it owned by `owner` when given. */
export async function makeServerDir(dir: string, mode: number, owner: ServerOwner | undefined): Promise<void> {
  await mkdir(dir, { recursive: true, mode });
  await chmod(dir, mode);
  if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
}
