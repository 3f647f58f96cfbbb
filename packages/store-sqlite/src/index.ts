// The SQLite (drizzle-orm + better-sqlite3) implementation of the sqlrs Store, with its migrations.
export { openSqliteStore } from './open-sqlite-store.js';
export type { SqliteStoreOptions } from './open-sqlite-store.js';
export type { StoreLogger } from './store-logger.js';
