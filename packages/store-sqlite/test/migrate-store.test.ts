import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureJob, id32 } from '@sqlrs/store/testing';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.js';
import { migrateStore } from '../src/migrate-store.js';
import { migrationsFolder } from '../src/migrations-folder.js';
import { openSqliteClient } from '../src/open-sqlite-client.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('migrate');

/** A copy of this build's migrations plus one more, as a later build would ship them. */
function laterBuildMigrations(): string {
  const folder = join(dir(), 'later-drizzle');
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number; when: number; tag: string }> };
  const last = journal.entries[journal.entries.length - 1];
  if (last === undefined) throw new Error('no migrations');
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1_000, tag: '9999_probe' });
  writeFileSync(journalPath, JSON.stringify(journal));
  writeFileSync(join(folder, '9999_probe.sql'), 'CREATE TABLE `probe` (`id` integer PRIMARY KEY);');
  return folder;
}

/** Runs migrateStore on a plain connection to `path`. */
function migrate(path: string, folder?: string, logger?: { info: (o: object, m: string) => void; warn: () => void }) {
  const client = openSqliteClient({ path });
  try {
    return migrateStore({ path, client, db: drizzle({ client }), logger, ...(folder === undefined ? {} : { folder }) });
  } finally {
    client.close();
  }
}

/** The user tables of a database file. */
function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map(
      (row) => row.name,
    );
  } finally {
    db.close();
  }
}

describe('migrateStore', () => {
  it('migrates an empty file without a backup', () => {
    const path = join(dir(), 'state.db');
    expect(migrate(path)).toEqual({ applied: 1, backupPath: null });
    expect(existsSync(`${path}.pre-0.bak`)).toBe(false);
    expect(migrate(path)).toEqual({ applied: 0, backupPath: null });
  });

  it('backs an existing store up as state.db.pre-<n>.bak (0600) before applying new migrations', () => {
    const path = join(dir(), 'state.db');
    const store = openSqliteStore({ path });
    store.insertJob(fixtureJob(id32('1')));
    store.close();
    const logged: unknown[] = [];
    const outcome = migrate(path, laterBuildMigrations(), { info: (obj, msg) => logged.push([obj, msg]), warn: () => undefined });
    const backupPath = `${path}.pre-1.bak`;
    expect(outcome).toEqual({ applied: 1, backupPath });
    expect(logged).toEqual([[{ applied: 1, backup: backupPath, path }, 'state store migrated']]);
    expect(statSync(backupPath).mode & 0o777).toBe(0o600);
    expect(tables(path)).toContain('probe');
    expect(tables(backupPath)).not.toContain('probe');
    const backup = new Database(backupPath, { readonly: true });
    expect(backup.prepare('SELECT job_id FROM prepare_jobs').all()).toEqual([{ job_id: id32('1') }]);
    backup.close();
    expect(migrate(path, laterBuildMigrations())).toEqual({ applied: 0, backupPath: null });
  });

  it('refuses to open a store a later build migrated', () => {
    const path = join(dir(), 'state.db');
    openSqliteStore({ path }).close();
    migrate(path, laterBuildMigrations());
    expect(() => openSqliteStore({ path })).toThrow(
      expect.objectContaining({
        code: 'unavailable',
        message: 'store was written by a newer engine; upgrade sqlrs or use another --state-store',
        data: { exitCode: 3 },
      }),
    );
  });
});
