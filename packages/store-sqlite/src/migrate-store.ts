import { existsSync, unlinkSync, chmodSync } from 'node:fs';
import { SqlrsError } from '@sqlrs/errors';
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from './migrations-folder.js';
import { newerEngineError } from './store-meta.js';
import type { StoreLogger } from './store-logger.js';

const MIGRATIONS_TABLE = '__drizzle_migrations';

/** What migrating a store needs. */
export interface MigrateStoreOptions {
  /** Path of state.db; backups go next to it. */
  path: string;
  client: Database.Database;
  db: BetterSQLite3Database;
  logger: StoreLogger | undefined;
  /** Folder of the drizzle-kit migrations (default: the package's `drizzle/`). */
  folder?: string;
}

/** What a migration run did. */
export interface MigrationOutcome {
  applied: number;
  backupPath: string | null;
}

/** True when the database has a table of this name. */
function hasTable(client: Database.Database, name: string): boolean {
  return client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Applies the pending migrations of this build. A database that already had tables is first
 * copied to `state.db.pre-<n>.bak` (n = migrations it had); one that holds migrations this
 * build does not know was written by a newer engine and is refused untouched.
 */
export function migrateStore(options: MigrateStoreOptions): MigrationOutcome {
  const { client, path } = options;
  const folder = options.folder ?? migrationsFolder();
  const known = readMigrationFiles({ migrationsFolder: folder });
  const hadTables =
    client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() !== undefined;
  const applied = hasTable(client, MIGRATIONS_TABLE)
    ? (client.prepare(`SELECT hash, created_at AS createdAt FROM ${MIGRATIONS_TABLE}`).all() as Array<{ hash: string; createdAt: number | string }>)
    : [];
  const knownTimes = new Set(known.map((m) => m.folderMillis));
  const unknown = applied.filter((row) => !knownTimes.has(Number(row.createdAt)));
  if (unknown.length > 0) {
    throw newerEngineError(`${path} holds ${unknown.length} migration(s) this build does not know`);
  }
  const last = applied.reduce((latest, row) => Math.max(latest, Number(row.createdAt)), Number.NEGATIVE_INFINITY);
  const pending = known.filter((m) => m.folderMillis > last);
  if (pending.length === 0) return { applied: 0, backupPath: null };

  let backupPath: string | null = null;
  if (hadTables) {
    backupPath = `${path}.pre-${applied.length}.bak`;
    // A backup of the same version from an earlier, failed attempt holds older data than now.
    if (existsSync(backupPath)) unlinkSync(backupPath);
    client.prepare('VACUUM INTO ?').run(backupPath);
    chmodSync(backupPath, 0o600);
  }
  try {
    migrate(options.db, { migrationsFolder: folder });
  } catch (err) {
    const restore = backupPath === null ? '' : `; the data before the upgrade is in ${backupPath}`;
    throw new SqlrsError('internal_error', `state store migration failed${restore}`, {
      details: err instanceof Error ? err.message : String(err),
      cause: err,
    });
  }
  options.logger?.info({ applied: pending.length, backup: backupPath, path }, 'state store migrated');
  return { applied: pending.length, backupPath };
}
