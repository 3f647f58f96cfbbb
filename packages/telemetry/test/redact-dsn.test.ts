import { describe, expect, it } from 'vitest';
import { redactDsn } from '../src/index.js';

describe('redactDsn', () => {
  it('masks the password of a URL DSN and keeps everything else', () => {
    expect(redactDsn('postgres://sqlrs:s3cr%40t@127.0.0.1:55432/postgres?sslmode=disable')).toBe(
      'postgres://sqlrs:***@127.0.0.1:55432/postgres?sslmode=disable',
    );
    expect(redactDsn('postgresql://u:p@a@host/db')).toBe('postgresql://u:***@host/db');
  });

  it('masks a password query parameter', () => {
    expect(redactDsn('postgres://sqlrs@host/db?password=x&sslmode=disable')).toBe(
      'postgres://sqlrs@host/db?password=***&sslmode=disable',
    );
  });

  it('masks key/value connection strings, quoted or not', () => {
    expect(redactDsn("host=127.0.0.1 password='a b\\' c' user=sqlrs")).toBe('host=127.0.0.1 password=*** user=sqlrs');
    expect(redactDsn('host=h PASSWORD = pw dbname=x')).toBe('host=h PASSWORD = *** dbname=x');
  });

  it('leaves DSNs without a password unchanged', () => {
    expect(redactDsn('postgres://sqlrs@127.0.0.1:5432/postgres')).toBe('postgres://sqlrs@127.0.0.1:5432/postgres');
    expect(redactDsn('host=/tmp dbname=postgres')).toBe('host=/tmp dbname=postgres');
  });
});
