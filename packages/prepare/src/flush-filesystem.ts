import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SqlrsError } from '@sqlrs/errors';

const run = promisify(execFile);

/**
 * engine.md §6.4 step 6: one `syncfs` of the filesystem holding a freshly captured state. Builds
 * run with `fsync=off`, so this single flush is what makes a `ready` state survive a host crash.
 * Node has no syncfs; coreutils' `sync --file-system` is that call.
 */
export async function flushFilesystem(path: string): Promise<void> {
  try {
    await run('sync', ['--file-system', path], { timeout: 10 * 60_000 });
  } catch (error) {
    throw new SqlrsError('internal_error', `could not flush the new state to disk (sync --file-system ${path})`, {
      details: (error as Error).message,
      cause: error,
    });
  }
}
