import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.js';
import { openSqliteClient } from '../src/open-sqlite-client.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('schema');
const S1 = 'a'.repeat(64);
const S2 = 'b'.repeat(64);
const I1 = '1'.repeat(32);
const I2 = '2'.repeat(32);
const J1 = '9'.repeat(32);

const STATE_COLUMNS =
  'state_id, base_id, parent_state_id, input_kind, input_id, task_hash, prepare_kind, depth, args_summary, prepare_args_normalized, status, build_job_id, rel_path, snapshotter, created_at';
const INSTANCE_COLUMNS =
  'instance_id, state_id, image_key, job_id, runtime_kind, rel_dir, socket_dir, host, port, db_user, db_name, password, status, created_at';

/** SQL inserting a state; `over` replaces single values by column name. */
function stateSql(id: string, over: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    state_id: `'${id}'`,
    base_id: "'b'",
    parent_state_id: 'NULL',
    input_kind: "'image'",
    input_id: "'docker:sha256:a'",
    task_hash: "'h'",
    prepare_kind: "'psql'",
    depth: '0',
    args_summary: "'-c select 1'",
    prepare_args_normalized: "'-c select 1'",
    status: "'ready'",
    build_job_id: 'NULL',
    rel_path: `'states/${id}'`,
    snapshotter: "'copy'",
    created_at: '1',
    ...over,
  };
  return `INSERT INTO states (${STATE_COLUMNS}) VALUES (${STATE_COLUMNS.split(', ').map((c) => values[c]).join(', ')})`;
}

/** SQL inserting an instance of S1; `over` replaces single values by column name. */
function instanceSql(id: string, over: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    instance_id: `'${id}'`,
    state_id: `'${S1}'`,
    image_key: "'docker:sha256:a'",
    job_id: 'NULL',
    runtime_kind: "'docker'",
    rel_dir: `'instances/${id}'`,
    socket_dir: "'run'",
    host: "'127.0.0.1'",
    port: '5432',
    db_user: "'sqlrs'",
    db_name: "'postgres'",
    password: "'pw'",
    status: "'active'",
    created_at: '1',
    ...over,
  };
  return `INSERT INTO instances (${INSTANCE_COLUMNS}) VALUES (${INSTANCE_COLUMNS.split(', ').map((c) => values[c]).join(', ')})`;
}

/** The SQLite result code a statement fails with, or 'ok'. */
function outcome(db: Database.Database, sql: string): string {
  try {
    db.exec(sql);
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe('schema', () => {
  let db: Database.Database;

  beforeEach(() => {
    const path = join(dir(), 'state.db');
    openSqliteStore({ path }).close();
    db = openSqliteClient({ path });
    db.exec(`
      INSERT INTO images VALUES ('docker:sha256:a', 'docker', 'pg@sha256:a', NULL, 'linux/amd64', 15, '15.8', 999, 999, NULL, 1, 1);
      INSERT INTO bases VALUES ('b', 'docker:sha256:a', 'c', '{}', 'base', 'ready', NULL, 1, 1, NULL);
      INSERT INTO prepare_jobs (job_id, status, prepare_kind, image_ref, request_json, prepare_args_normalized, created_at)
        VALUES ('${J1}', 'running', 'psql', 'pg', '{}', '', 1);
      ${stateSql(S1, { build_job_id: `'${J1}'` })};
      ${instanceSql(I1, { job_id: `'${J1}'` })};
    `);
    return () => db.close();
  });

  it.each([
    ['a state id that is not 64 characters', stateSql('c'.repeat(63)), 'SQLITE_CONSTRAINT_CHECK'],
    ['an unknown state status', stateSql(S2, { status: "'gone'" }), 'SQLITE_CONSTRAINT_CHECK'],
    ['an unknown input kind', stateSql(S2, { input_kind: "'tarball'" }), 'SQLITE_CONSTRAINT_CHECK'],
    ['an unknown prepare kind', stateSql(S2, { prepare_kind: "'flyway'" }), 'SQLITE_CONSTRAINT_CHECK'],
    ['a parent state that does not exist', stateSql(S2, { parent_state_id: `'${'d'.repeat(64)}'` }), 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['a base that does not exist', stateSql(S2, { base_id: "'nope'" }), 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['a state path taken by another state', stateSql(S2, { rel_path: `'states/${S1}'` }), 'SQLITE_CONSTRAINT_UNIQUE'],
    ['an instance id that is not 32 characters', instanceSql('3'.repeat(31), { port: '1' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['an unknown instance status', instanceSql(I2, { status: "'zombie'", port: '1' }), 'SQLITE_CONSTRAINT_CHECK'],
    ['a second active instance on a port', instanceSql(I2), 'SQLITE_CONSTRAINT_UNIQUE'],
    ['an instance directory taken by another instance', instanceSql(I2, { port: '1', rel_dir: `'instances/${I1}'` }), 'SQLITE_CONSTRAINT_UNIQUE'],
    ['a job that does not exist on an instance', instanceSql(I2, { port: '1', job_id: "'nope'" }), 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['an unknown job status', "UPDATE prepare_jobs SET status = 'done'", 'SQLITE_CONSTRAINT_CHECK'],
    ['an unknown base status', "UPDATE bases SET status = 'gone'", 'SQLITE_CONSTRAINT_CHECK'],
    ['an audit actor other than api or engine', "INSERT INTO audit_events (ts, actor, action, object_kind, object_id) VALUES (1, 'cron', 'a.b', 'a', 'x')", 'SQLITE_CONSTRAINT_CHECK'],
    ['an image without a display reference', "UPDATE images SET display_ref = NULL", 'SQLITE_CONSTRAINT_NOTNULL'],
    ['a base of an unknown image', "INSERT INTO bases VALUES ('b2', 'docker:sha256:z', 'c', '{}', 'base2', 'ready', NULL, 1, 1, NULL)", 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['a name bound to an unknown instance', "INSERT INTO names (name, instance_id, created_at) VALUES ('dev', 'nope', 1)", 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['a name of an unknown state', "INSERT INTO names (name, state_id, created_at) VALUES ('dev', 'nope', 1)", 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['a task of an unknown job', "INSERT INTO prepare_tasks (job_id, task_id, position, type, status) VALUES ('nope', 'plan', 0, 'plan', 'queued')", 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    ['an event of an unknown job', "INSERT INTO prepare_events (job_id, seq, ts, type) VALUES ('nope', 0, 1, 'status')", 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    // SQLite reports ON DELETE RESTRICT through its trigger machinery.
    ['deleting a base states are built on', "DELETE FROM bases WHERE base_id = 'b'", 'SQLITE_CONSTRAINT_TRIGGER'],
  ])('rejects %s', (_label, sql, code) => {
    expect(outcome(db, sql)).toBe(code);
  });

  it('lets stopped and expired instances keep a port an active one uses', () => {
    expect(outcome(db, `${instanceSql(I2, { status: "'stopped'" })}; ${instanceSql('3'.repeat(32), { status: "'expired'" })}`)).toBe('ok');
  });

  it('refuses to delete a parent state while a child points at it', () => {
    db.exec(stateSql(S2, { parent_state_id: `'${S1}'`, input_kind: "'state'", depth: '1' }));
    expect(outcome(db, `DELETE FROM states WHERE state_id = '${S1}'`)).toBe('SQLITE_CONSTRAINT_TRIGGER');
    expect(outcome(db, `DELETE FROM states WHERE state_id = '${S2}'; DELETE FROM states WHERE state_id = '${S1}'`)).toBe('ok');
  });

  it('binds an instance to at most one name and removes it with its instance', () => {
    db.exec(`INSERT INTO names (name, instance_id, state_id, created_at) VALUES ('dev', '${I1}', '${S1}', 1)`);
    expect(outcome(db, `INSERT INTO names (name, instance_id, state_id, created_at) VALUES ('qa', '${I1}', '${S1}', 1)`)).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(outcome(db, "INSERT INTO names (name, created_at) VALUES ('a', 1); INSERT INTO names (name, created_at) VALUES ('b', 1)")).toBe('ok');
    db.exec(`DELETE FROM instances WHERE instance_id = '${I1}'`);
    expect(db.prepare('SELECT name FROM names ORDER BY name').all()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('deletes a job with its tasks and events and clears references to it', () => {
    db.exec(`
      INSERT INTO names (name, reserved_job_id, created_at) VALUES ('dev', '${J1}', 1);
      INSERT INTO prepare_tasks (job_id, task_id, position, type, status) VALUES ('${J1}', 'plan', 0, 'plan', 'queued');
      INSERT INTO prepare_events (job_id, seq, ts, type) VALUES ('${J1}', 0, 1, 'status');
      DELETE FROM prepare_jobs WHERE job_id = '${J1}';
    `);
    const rows = {
      tasks: db.prepare('SELECT count(*) AS n FROM prepare_tasks').get(),
      events: db.prepare('SELECT count(*) AS n FROM prepare_events').get(),
      state: db.prepare('SELECT build_job_id FROM states').get(),
      instance: db.prepare('SELECT job_id FROM instances').get(),
      name: db.prepare('SELECT reserved_job_id FROM names').get(),
    };
    expect(rows).toEqual({
      tasks: { n: 0 },
      events: { n: 0 },
      state: { build_job_id: null },
      instance: { job_id: null },
      name: { reserved_job_id: null },
    });
  });
});
