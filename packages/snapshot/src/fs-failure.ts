import { SqlrsError, isSqlrsError } from '@sqlrs/errors';

/** The errno code (`ENOENT`, …) of a Node system error, if it is one. */
export function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function hint(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free space on the state store filesystem and retry';
    case 'EACCES':
    case 'EPERM':
      return 'check ownership and permissions of the state store';
    case 'EROFS':
      return 'the target is read-only; on btrfs stage states next to their final name';
    default:
      return 'see details';
  }
}

/** Wraps a failed filesystem step as `internal_error` (a SqlrsError passes through unchanged). */
export function fsFailure(action: string, path: string, error: unknown): SqlrsError {
  if (isSqlrsError(error)) return error;
  const errno = errnoOf(error);
  const text = error instanceof Error ? error.message : String(error);
  return new SqlrsError('internal_error', `snapshot: cannot ${action} ${path}${errno ? ` (${errno})` : ''}; ${hint(errno)}`, {
    details: text,
    data: { path, errno },
    cause: error,
  });
}
