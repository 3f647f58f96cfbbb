import { SqlrsError, isSqlrsError } from '@sqlrs/errors';
import type { Store } from '@sqlrs/store';

/** A better-sqlite3 error: its `code` names the SQLite result (`SQLITE_CONSTRAINT_UNIQUE`, …). */
function sqliteCode(err: unknown): string | undefined {
  if (!(err instanceof Error) || err.name !== 'SqliteError') return undefined;
  const { code } = err as Error & { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

/** Maps an error the database raised past the store's own checks onto a SqlrsError. */
export function toStoreError(err: unknown): unknown {
  if (isSqlrsError(err)) return err;
  const code = sqliteCode(err);
  if (code === undefined) return err;
  const message = err instanceof Error ? err.message : String(err);
  // ON DELETE RESTRICT violations arrive as SQLITE_CONSTRAINT_TRIGGER.
  const conflicts = ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_FOREIGNKEY', 'SQLITE_CONSTRAINT_TRIGGER'];
  if (conflicts.includes(code)) {
    return new SqlrsError('conflict', 'the change conflicts with rows already stored', { details: message, cause: err });
  }
  if (['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY'].includes(code) || code.startsWith('SQLITE_IOERR')) {
    return new SqlrsError('unavailable', 'the state store database cannot be written; check the disk and the --state-store directory', {
      details: message,
      cause: err,
    });
  }
  return new SqlrsError('internal_error', 'state store query failed', { details: message, cause: err });
}

/** Wraps every method of a store so database errors surface as SqlrsErrors. */
export function translateErrors(store: Store): Store {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    wrapped[key] =
      typeof value === 'function'
        ? (...args: unknown[]) => {
            try {
              return (value as (...a: unknown[]) => unknown)(...args);
            } catch (err) {
              throw toStoreError(err);
            }
          }
        : value;
  }
  return wrapped as unknown as Store;
}
