import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { ParsedPsqlArgs } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';

function unreadable(path: string, index: number, reason: string): SqlrsError {
  return new SqlrsError('invalid_argument', 'cannot read file', {
    details: `${path}: ${reason}`,
    issues: [{ path: `psql_args[${index}]`, message: 'cannot read file' }],
  });
}

/** The submit-time I/O checks of api.md §4.2: every `-f` path is absolute, a regular file and readable. */
export async function checkInputFiles(parsed: ParsedPsqlArgs): Promise<void> {
  for (const step of parsed.steps) {
    if (step.kind !== 'file') continue;
    if (!isAbsolute(step.path)) throw unreadable(step.path, step.index, 'the path must be absolute');
    try {
      const info = await stat(step.path);
      if (!info.isFile()) throw unreadable(step.path, step.index, 'not a regular file');
      await access(step.path, constants.R_OK);
    } catch (error) {
      if (error instanceof SqlrsError) throw error;
      throw unreadable(step.path, step.index, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
    }
  }
}
