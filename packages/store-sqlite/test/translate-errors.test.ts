import { SqlrsError } from '@sqlrs/errors';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { toStoreError } from '../src/translate-errors.js';

/** The error a statement raises on a scratch in-memory database. */
function sqliteError(setup: string, failing: string): unknown {
  const db = new Database(':memory:');
  db.exec(setup);
  try {
    db.exec(failing);
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
  throw new Error('expected the statement to fail');
}

/** What a caller sees of a translated error. */
function seen(err: unknown) {
  if (!(err instanceof SqlrsError)) throw new Error('expected a SqlrsError');
  return { code: err.code, message: err.message, details: err.details };
}

describe('toStoreError', () => {
  it('turns a unique violation the checks missed into a conflict, keeping the cause', () => {
    const raw = sqliteError('CREATE TABLE t (k TEXT PRIMARY KEY); INSERT INTO t VALUES (1)', 'INSERT INTO t VALUES (1)');
    const err = toStoreError(raw);
    expect(seen(err)).toEqual({ code: 'conflict', message: 'the change conflicts with rows already stored', details: 'UNIQUE constraint failed: t.k' });
    expect((err as SqlrsError).cause).toBe(raw);
  });

  it('turns a violated ON DELETE RESTRICT into a conflict', () => {
    const raw = sqliteError(
      'PRAGMA foreign_keys = ON; CREATE TABLE p (k TEXT PRIMARY KEY); CREATE TABLE c (p TEXT REFERENCES p (k) ON DELETE RESTRICT); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1)',
      'DELETE FROM p',
    );
    expect(seen(toStoreError(raw))).toEqual({ code: 'conflict', message: 'the change conflicts with rows already stored', details: 'FOREIGN KEY constraint failed' });
  });

  it('turns a check violation into an internal error', () => {
    const raw = sqliteError('CREATE TABLE t (k TEXT CHECK (k IN (\'a\')))', "INSERT INTO t VALUES ('b')");
    expect(seen(toStoreError(raw))).toEqual({ code: 'internal_error', message: 'state store query failed', details: 'CHECK constraint failed: k IN (\'a\')' });
  });

  it('passes SqlrsErrors and other errors through unchanged', () => {
    const own = new SqlrsError('not_found', 'state not found');
    const other = new Error('publish failed');
    expect(toStoreError(own)).toBe(own);
    expect(toStoreError(other)).toBe(other);
  });
});
