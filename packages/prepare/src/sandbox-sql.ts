import { SqlrsError } from '@sqlrs/errors';
import { type Sandbox, sandboxQuery } from '@sqlrs/runtime';

/** Column separator of query output (never inside identifiers or checksums). */
export const FIELD_SEPARATOR = '\u001f';

/**
 * Runs one bookkeeping statement in a build sandbox over its socket and returns its rows as
 * lines, columns joined by FIELD_SEPARATOR and NULL as an empty string.
 */
export async function sandboxSql(sandbox: Sandbox, sql: string): Promise<string[]> {
  try {
    const rows = await sandboxQuery(sandbox, sql);
    return rows.map((row) => row.map((v) => v ?? '').join(FIELD_SEPARATOR));
  } catch (error) {
    throw new SqlrsError('internal_error', 'a bookkeeping query in the build sandbox failed', { details: (error as Error).message, cause: error });
  }
}
