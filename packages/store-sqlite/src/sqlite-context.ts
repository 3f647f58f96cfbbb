import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { AuditWriter } from './sqlite-audit.js';

/** The open connection every table module works on. */
export interface SqliteContext {
  /** Drizzle over the connection. */
  db: BetterSQLite3Database;
  /** Runs `fn` in one transaction (a savepoint when nested). */
  tx<T>(fn: () => T): T;
  /** Writes audit rows in the current transaction. */
  writeAudit: AuditWriter;
}
