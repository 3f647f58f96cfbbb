import { chmod, lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoOf } from './fs-failure.js';

async function makeDirectoriesWritable(path: string): Promise<void> {
  const stats = await lstat(path);
  if (!stats.isDirectory()) return;
  await chmod(path, (stats.mode & 0o7777) | 0o700);
  for (const name of await readdir(path)) await makeDirectoriesWritable(join(path, name));
}

/**
 * `rm -rf path`: a missing path is fine. A non-root caller may meet directories without owner
 * write or search permission (a copied 0500 directory); those are opened up and removal retried.
 */
export async function removeTree(path: string): Promise<void> {
  try {
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
  } catch (error) {
    const errno = errnoOf(error);
    if (errno !== 'EACCES' && errno !== 'EPERM') throw error;
    await makeDirectoriesWritable(path);
    await rm(path, { recursive: true, force: true, maxRetries: 2 });
  }
}
