import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { chmod, copyFile, lchown, lstat, lutimes, mkdir, readdir, readlink, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { createLimiter } from './create-limiter.js';
import type { Limiter } from './create-limiter.js';

/** `clone` shares extents (FICLONE, fails where unsupported); `copy` copies bytes. */
export type FileCopyMode = 'clone' | 'copy';

/** How `copyTree` copies. */
export interface CopyTreeOptions {
  files: FileCopyMode;
  /** Keep uid/gid (needs root). */
  preserveOwner: boolean;
  /** File operations in flight at once (default 16). */
  parallelism?: number;
  /** `dest` already exists as an empty directory (a fresh btrfs subvolume); its metadata is set too. */
  destExists?: boolean;
}

/**
 * Recreates the directory tree `src` at `dest`: directories with their modes, regular files by
 * clone or copy, symlinks as links; owners when asked, modes and times always. Sockets are
 * skipped (a server's socket means nothing in a copy); other special files are refused.
 */
export async function copyTree(src: string, dest: string, options: CopyTreeOptions): Promise<void> {
  const limit = createLimiter(options.parallelism ?? 16);
  const flags = constants.COPYFILE_EXCL | (options.files === 'clone' ? constants.COPYFILE_FICLONE_FORCE : 0);
  const rootStats = await lstat(src);
  if (options.destExists !== true) await mkdir(dest, { mode: 0o700 });
  await copyDirectory({ limit, flags, preserveOwner: options.preserveOwner }, src, dest, rootStats);
}

interface Walk {
  limit: Limiter;
  flags: number;
  preserveOwner: boolean;
}

async function copyDirectory(walk: Walk, from: string, to: string, stats: Stats): Promise<void> {
  const names = await walk.limit(() => readdir(from));
  const results = await Promise.allSettled(names.map((name) => copyEntry(walk, join(from, name), join(to, name))));
  // Wait for every sibling before failing, so nothing still writes into a tree the caller removes.
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  await walk.limit(() => applyMetadata(walk, to, stats));
}

async function copyEntry(walk: Walk, from: string, to: string): Promise<void> {
  const stats = await walk.limit(() => lstat(from));
  if (stats.isDirectory()) {
    // Owner-writable until its children exist; the real mode is applied afterwards.
    await walk.limit(() => mkdir(to, { mode: 0o700 }));
    await copyDirectory(walk, from, to, stats);
  } else if (stats.isFile()) {
    await walk.limit(async () => {
      await copyFile(from, to, walk.flags);
      await applyMetadata(walk, to, stats);
    });
  } else if (stats.isSymbolicLink()) {
    await walk.limit(async () => {
      await symlink(await readlink(from), to);
      await applyMetadata(walk, to, stats);
    });
  } else if (!stats.isSocket()) {
    throw new SqlrsError('internal_error', `snapshot: cannot copy special file ${from}; remove it from the data directory`, {
      data: { path: from },
    });
  }
}

async function applyMetadata(walk: Walk, path: string, stats: Stats): Promise<void> {
  // chown first: it clears set-id bits that chmod then restores.
  if (walk.preserveOwner) await lchown(path, stats.uid, stats.gid);
  if (stats.isSymbolicLink()) {
    await lutimes(path, stats.atime, stats.mtime);
    return;
  }
  await chmod(path, stats.mode & 0o7777);
  await utimes(path, stats.atime, stats.mtime);
}
