import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSqlrsError } from '@sqlrs/errors';
import { fixtureJob, id32 } from '@sqlrs/store/testing';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('open');

/** Deterministic store-id bytes 0x00, 0x01, … */
const counting = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

/** Reads a closed store's file with a plain connection. */
function inspect<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The error `fn` throws, with its data. */
function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (isSqlrsError(err)) return { code: err.code, message: err.message, details: err.details, data: err.data };
    throw err;
  }
  throw new Error('expected a SqlrsError');
}

describe('openSqliteStore', () => {
  it('creates every table and index of engine.md §5.3 in a new file', () => {
    const path = join(dir(), 'state.db');
    openSqliteStore({ path }).close();
    const objects = inspect(path, (db) =>
      db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all(),
    );
    const names = (type: string) => objects.filter((o) => (o as { type: string }).type === type).map((o) => (o as { name: string }).name);
    expect(names('table')).toEqual([
      '__drizzle_migrations',
      'audit_events',
      'bases',
      'file_hash_memo',
      'images',
      'instances',
      'lb_plan_memo',
      'meta',
      'names',
      'prepare_events',
      'prepare_jobs',
      'prepare_tasks',
      'states',
    ]);
    expect(names('index')).toEqual([
      'audit_events_object_idx',
      'audit_events_ts_idx',
      'bases_image_key_init_spec_hash_unique',
      'bases_rel_path_unique',
      'instances_active_port_unique',
      'instances_expires_at_idx',
      'instances_rel_dir_unique',
      'instances_state_id_idx',
      'instances_status_idx',
      'names_instance_id_unique',
      'names_state_id_idx',
      'prepare_jobs_finished_at_idx',
      'prepare_jobs_signature_finished_at_idx',
      'prepare_jobs_status_idx',
      'prepare_tasks_job_id_position_unique',
      'prepare_tasks_output_state_id_idx',
      'states_base_id_idx',
      'states_build_job_id_idx',
      'states_parent_state_id_idx',
      'states_rel_path_unique',
      'states_status_last_used_at_idx',
    ]);
    expect(readdirSync(dir()).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('writes the store facts once and keeps them and the data across re-opens', () => {
    const path = join(dir(), 'state.db');
    const first = openSqliteStore({ path, randomBytes: counting, now: () => 1_700_000_000_000, engineVersion: '0.1.0' });
    first.insertJob(fixtureJob(id32('1')));
    const job = first.getJob(id32('1'));
    first.close();
    const again = openSqliteStore({ path, randomBytes: () => new Uint8Array(16).fill(255), now: () => 5, engineVersion: '9.9.9' });
    expect(again.meta()).toEqual({ storeId: '000102030405060708090a0b0c0d0e0f', layoutVersion: 1, createdAt: 1_700_000_000_000, createdByVersion: '0.1.0' });
    expect(again.storeId()).toBe('000102030405060708090a0b0c0d0e0f');
    expect(again.getJob(id32('1'))).toEqual(job);
    again.close();
    expect(inspect(path, (db) => db.prepare('SELECT key, value FROM meta ORDER BY key').all())).toEqual([
      { key: 'created_at', value: '1700000000000' },
      { key: 'created_by_version', value: '0.1.0' },
      { key: 'layout_version', value: '1' },
      { key: 'store_id', value: '000102030405060708090a0b0c0d0e0f' },
    ]);
  });

  it('keeps state.db and its -wal and -shm files at mode 0600', () => {
    const path = join(dir(), 'state.db');
    const store = openSqliteStore({ path });
    store.insertJob(fixtureJob(id32('1')));
    const modes = Object.fromEntries(readdirSync(dir()).sort().map((f) => [f, (statSync(join(dir(), f)).mode & 0o777).toString(8)]));
    store.close();
    expect(modes).toEqual({ 'state.db': '600', 'state.db-shm': '600', 'state.db-wal': '600' });
  });

  it('refuses a store holding a migration this build does not know, without touching it', () => {
    const path = join(dir(), 'state.db');
    openSqliteStore({ path }).close();
    inspect(path, (db) => db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), 4_102_444_800_000));
    const before = readdirSync(dir()).sort();
    expect(errorOf(() => openSqliteStore({ path }))).toEqual({
      code: 'unavailable',
      message: 'store was written by a newer engine; upgrade sqlrs or use another --state-store',
      details: `${path} holds 1 migration(s) this build does not know`,
      data: { exitCode: 3 },
    });
    expect(readdirSync(dir()).sort()).toEqual(before);
  });

  it('refuses a store whose layout version is newer than this build', () => {
    const path = join(dir(), 'state.db');
    openSqliteStore({ path }).close();
    inspect(path, (db) => db.prepare("UPDATE meta SET value = '2' WHERE key = 'layout_version'").run());
    expect(errorOf(() => openSqliteStore({ path }))).toEqual({
      code: 'unavailable',
      message: 'store was written by a newer engine; upgrade sqlrs or use another --state-store',
      details: 'layout version 2, this build knows up to 1',
      data: { exitCode: 3 },
    });
  });

  it('lists 10,000 states with their refcounts in one query', () => {
    const path = join(dir(), 'state.db');
    openSqliteStore({ path }).close();
    const stateId = (i: number) => i.toString(16).padStart(64, '0');
    inspect(path, (db) => {
      db.pragma('foreign_keys = ON');
      db.transaction(() => {
        db.prepare("INSERT INTO images VALUES ('docker:sha256:a', 'docker', 'pg@sha256:a', NULL, 'linux/amd64', 15, '15.8', 999, 999, NULL, 1, 1)").run();
        db.prepare("INSERT INTO bases VALUES ('b', 'docker:sha256:a', 'c', '{}', 'base', 'ready', NULL, 1, 1, NULL)").run();
        const insert = db.prepare(
          `INSERT INTO states (state_id, base_id, parent_state_id, input_kind, input_id, task_hash, prepare_kind, depth, args_summary,
             prepare_args_normalized, status, rel_path, snapshotter, created_at, ready_at, use_count)
           VALUES (?, 'b', ?, ?, ?, 'h', 'psql', ?, '-c select 1', '-c select 1', 'ready', ?, 'copy', ?, ?, 0)`,
        );
        for (let i = 0; i < 10_000; i += 1) {
          const parent = i === 0 ? null : stateId(i - 1);
          insert.run(stateId(i), parent, parent === null ? 'image' : 'state', parent ?? 'docker:sha256:a', i, `states/${i}`, 10_000 - i, 10_000 - i);
        }
        const instance = db.prepare(
          `INSERT INTO instances (instance_id, state_id, image_key, runtime_kind, rel_dir, socket_dir, host, port, db_user, db_name, password, status, created_at)
           VALUES (?, ?, 'docker:sha256:a', 'docker', ?, 'run', '127.0.0.1', ?, 'sqlrs', 'postgres', 'pw', ?, 1)`,
        );
        instance.run('1'.repeat(32), stateId(42), 'i/1', 1, 'active');
        instance.run('2'.repeat(32), stateId(42), 'i/2', 2, 'stopped');
        instance.run('3'.repeat(32), stateId(42), 'i/3', 3, 'expired');
      })();
    });
    const statements: string[] = [];
    const store = openSqliteStore({ path, onStatement: (sql) => statements.push(sql) });
    statements.length = 0;
    const states = store.listStates();
    store.close();
    expect(statements).toHaveLength(1);
    expect(states).toHaveLength(10_000);
    expect(states[0]?.stateId).toBe(stateId(9_999));
    expect(states[9_999]?.stateId).toBe(stateId(0));
    expect(states.filter((s) => s.refcount > 0).map((s) => [s.stateId, s.refcount])).toEqual([[stateId(42), 2]]);
    expect(states.every((s) => s.imageId === 'pg@sha256:a')).toBe(true);
  });
});
