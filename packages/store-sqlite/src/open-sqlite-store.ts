import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Store } from '@sqlrs/store';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrateStore } from './migrate-store.js';
import { openSqliteClient, secureFile } from './open-sqlite-client.js';
import { prepareAuditWriter, sqliteAudit } from './sqlite-audit.js';
import { sqliteCatalog } from './sqlite-catalog.js';
import type { SqliteContext } from './sqlite-context.js';
import { sqliteInstances } from './sqlite-instances.js';
import { sqliteJobEvents } from './sqlite-job-events.js';
import { sqliteJobs } from './sqlite-jobs.js';
import { sqliteMemos } from './sqlite-memos.js';
import { sqliteNames } from './sqlite-names.js';
import { sqliteStates } from './sqlite-states.js';
import { sqliteTasks } from './sqlite-tasks.js';
import type { StoreLogger } from './store-logger.js';
import { ensureStoreMeta } from './store-meta.js';
import { translateErrors } from './translate-errors.js';

/** How to open the SQLite store. */
export interface SqliteStoreOptions {
  /** Path of `state.db`; its directory must exist. */
  path: string;
  logger?: StoreLogger;
  /** Clock for the store's creation time (default `Date.now`). */
  now?: () => number;
  /** Random source for the store id (default `crypto.randomBytes`). */
  randomBytes?: (n: number) => Uint8Array;
  /** Recorded as `created_by_version` when the store is created. */
  engineVersion?: string;
  /** Called with every SQL statement run (tracing and tests); it may show parameter values. */
  onStatement?: (sql: string) => void;
}

/**
 * Opens (creating or migrating as needed) the SQLite state store at `path`. A store written by a
 * newer engine throws `unavailable` with `data.exitCode = 3`.
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const client = openSqliteClient(options);
  try {
    const db = drizzle({ client });
    migrateStore({ path: options.path, client, db, logger: options.logger });
    const ctx: SqliteContext = { db, tx: (fn) => db.transaction(() => fn()), writeAudit: prepareAuditWriter(db) };
    const meta = ensureStoreMeta(ctx, {
      now: options.now ?? Date.now,
      randomBytes: options.randomBytes ?? ((n) => nodeRandomBytes(n)),
      engineVersion: options.engineVersion ?? 'unknown',
    });
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(options.path + suffix)) secureFile(options.path + suffix, options.logger);
    }
    return translateErrors({
      storeId: () => meta.storeId,
      meta: () => ({ ...meta }),
      ...sqliteCatalog(ctx),
      ...sqliteStates(ctx),
      ...sqliteInstances(ctx),
      ...sqliteNames(ctx),
      ...sqliteJobs(ctx),
      ...sqliteTasks(ctx),
      ...sqliteJobEvents(ctx),
      ...sqliteAudit(ctx),
      ...sqliteMemos(ctx),
      transaction: ctx.tx,
      close: () => client.close(),
    });
  } catch (err) {
    client.close();
    throw err;
  }
}
