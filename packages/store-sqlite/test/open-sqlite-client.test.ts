import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteClient } from '../src/open-sqlite-client.js';
import { useTempDir } from './temp-dir.js';

const dir = useTempDir('client');

describe('openSqliteClient', () => {
  it('sets the pragmas of engine.md §5.3 on the connection', () => {
    const client = openSqliteClient({ path: join(dir(), 'state.db') });
    const pragmas = Object.fromEntries(
      ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout', 'temp_store'].map((name) => [name, client.pragma(name, { simple: true })]),
    );
    client.close();
    // synchronous 1 = NORMAL, temp_store 2 = MEMORY.
    expect(pragmas).toEqual({ journal_mode: 'wal', synchronous: 1, foreign_keys: 1, busy_timeout: 5000, temp_store: 2 });
  });

  it('creates the database file with mode 0600', () => {
    const path = join(dir(), 'state.db');
    openSqliteClient({ path }).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('narrows a wider mode of an existing file to 0600 and says so', () => {
    const path = join(dir(), 'state.db');
    writeFileSync(path, '', { mode: 0o644 });
    const warnings: unknown[] = [];
    const logger = { info: () => undefined, warn: (obj: object, msg: string) => warnings.push([obj, msg]) };
    openSqliteClient({ path, logger }).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([[{ path, mode: '644' }, 'state store file had a wider mode; set it to 0600']]);
  });

  it('reports a directory that does not exist as unavailable', () => {
    const path = join(dir(), 'missing', 'state.db');
    expect(() => openSqliteClient({ path })).toThrow(
      expect.objectContaining({ code: 'unavailable', message: 'the state store database cannot be opened; check the --state-store directory' }),
    );
  });
});
