import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { SqlrsError } from '@sqlrs/errors';
import Database from 'better-sqlite3';
import type { StoreLogger } from './store-logger.js';

/** How to open the connection. */
export interface SqliteClientOptions {
  path: string;
  logger?: StoreLogger;
  onStatement?: (sql: string) => void;
}

const FILE_MODE = 0o600;

/** Creates the file 0600 if needed and repairs the mode of an existing one (state.db holds passwords). */
export function secureFile(path: string, logger: StoreLogger | undefined): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', FILE_MODE));
  const mode = statSync(path).mode & 0o777;
  if (mode !== FILE_MODE) {
    chmodSync(path, FILE_MODE);
    logger?.warn({ path, mode: mode.toString(8) }, 'state store file had a wider mode; set it to 0600');
  }
}

/** Opens better-sqlite3 on a 0600 file with the pragmas of engine.md §5.3. */
export function openSqliteClient(options: SqliteClientOptions): Database.Database {
  const { onStatement } = options;
  try {
    secureFile(options.path, options.logger);
    const client = new Database(options.path, onStatement === undefined ? {} : { verbose: (sql) => onStatement(String(sql)) });
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    client.pragma('busy_timeout = 5000');
    client.pragma('temp_store = MEMORY');
    return client;
  } catch (err) {
    throw new SqlrsError('unavailable', 'the state store database cannot be opened; check the --state-store directory', {
      details: `${options.path}: ${err instanceof Error ? err.message : String(err)}`,
      cause: err,
    });
  }
}
