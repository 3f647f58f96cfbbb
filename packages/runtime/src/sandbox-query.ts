import pg from 'pg';
import type { Sandbox } from './runtime.js';

/** Values exactly as the server sends them in text form (booleans `t`/`f`, as psql shows them). */
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/**
 * Runs one statement as `sqlrs` over a sandbox's unix socket (trust for the engine's uid,
 * engine.md §7.1; no process spawned) and returns its rows as text, NULL as null.
 */
export async function sandboxQuery(sandbox: Pick<Sandbox, 'endpoint'>, sql: string, values: unknown[] = []): Promise<(string | null)[][]> {
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
    const result = await client.query({ text: sql, values, rowMode: 'array', types: RAW_TEXT });
    return result.rows as (string | null)[][];
  } finally {
    await client.end().catch(() => undefined);
  }
}
