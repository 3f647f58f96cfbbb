import { SqlrsError } from '@sqlrs/errors';
import type { Runtime, Sandbox } from '@sqlrs/runtime';

/** Column separator of query output (never inside identifiers or checksums). */
export const FIELD_SEPARATOR = '\u001f';

/**
 * Runs SQL in a sandbox over its socket with psql, fed on stdin (so a password never shows in an
 * argv), and returns the unaligned, tuples-only output lines.
 */
export async function sandboxSql(runtime: Runtime, sandbox: Sandbox, sql: string, signal?: AbortSignal): Promise<string[]> {
  const { socketDir, innerPort } = sandbox.endpoint;
  const lines: string[] = [];
  const { exitCode } = await runtime.exec(
    sandbox,
    {
      argv: ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-A', '-t', '-F', FIELD_SEPARATOR, '-h', socketDir, '-p', String(innerPort), '-U', 'sqlrs', '-d', 'postgres', '-f', '-'],
      env: { PGCLIENTENCODING: 'UTF8', PGAPPNAME: 'sqlrs-engine' },
      stdin: sql,
    },
    (_stream, line) => lines.push(line),
    signal,
  );
  if (exitCode !== 0) throw new SqlrsError('internal_error', 'a bookkeeping query in the build sandbox failed', { details: lines.join('\n').slice(-16_384) });
  return lines.filter((line) => line !== '');
}

/** A SQL string literal. */
export function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
