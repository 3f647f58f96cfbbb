import pg from 'pg';
import { SqlrsError } from '@sqlrs/errors';
import type { Sandbox } from '@sqlrs/runtime';

/** Column separator of query output (never inside identifiers or checksums). */
export const FIELD_SEPARATOR = '\u001f';

/** Values exactly as the server sends them in text form (booleans `t`/`f`, as psql shows them). */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/**
 * Runs one bookkeeping statement in a build sandbox over its unix socket (trust for the engine's
 * uid, no process spawned) and returns its rows as lines, columns joined by FIELD_SEPARATOR and
 * NULL as an empty string.
 */
export async function sandboxSql(sandbox: Sandbox, sql: string): Promise<string[]> {
  const client = new pg.Client({
    host: sandbox.endpoint.socketDir,
    port: sandbox.endpoint.innerPort,
    user: 'sqlrs',
    database: 'postgres',
    application_name: 'sqlrs-engine',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query({ text: sql, rowMode: 'array', types: RAW_TEXT });
    return (result.rows as (string | null)[][]).map((row) => row.map((v) => v ?? '').join(FIELD_SEPARATOR));
  } catch (error) {
    throw new SqlrsError('internal_error', 'a bookkeeping query in the build sandbox failed', { details: (error as Error).message, cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
