import type { Stats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import { errnoOf, fsFailure } from './fs-failure.js';

function absolute(path: string): void {
  if (!isAbsolute(path)) {
    throw new SqlrsError('internal_error', `snapshot: path ${JSON.stringify(path)} is not absolute`, { data: { path } });
  }
}

/** `lstat`, or undefined when nothing is at `path`. */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw fsFailure('inspect', path, error);
  }
}

/** Throws `not_found` unless `src` is an existing directory; returns its stats. */
export async function checkSource(src: string): Promise<Stats> {
  absolute(src);
  const stats = await lstatOrUndefined(src);
  if (stats === undefined || !stats.isDirectory()) {
    throw new SqlrsError('not_found', `snapshot: ${src} does not exist or is not a directory; it may have been deleted`, {
      data: { path: src },
    });
  }
  return stats;
}

/** Throws `conflict` when anything exists at `dest` (destinations never exist beforehand). */
export async function checkAbsent(dest: string): Promise<void> {
  absolute(dest);
  if ((await lstatOrUndefined(dest)) !== undefined) {
    throw new SqlrsError('conflict', `snapshot destination ${dest} already exists; destroy it first or pick another name`, {
      data: { path: dest },
    });
  }
}

/** `checkSource(src)` and `checkAbsent(dest)`; returns the source's stats. */
export async function checkSourceAndDest(src: string, dest: string): Promise<Stats> {
  const stats = await checkSource(src);
  await checkAbsent(dest);
  return stats;
}
