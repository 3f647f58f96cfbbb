import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { initScript, isServerErrorLine, shellQuote } from '../../src/docker/docker-init-base.js';

const run = promisify(execFile);

describe('shellQuote', () => {
  it('passes any word through sh unchanged', async () => {
    const words = ["it's", '$HOME', 'a b', '`x`', '"q"', '--locale=en_US.UTF-8'];
    const { stdout } = await run('sh', ['-c', `printf '%s\\n' ${words.map(shellQuote).join(' ')}`]);
    expect(stdout).toBe(`${words.join('\n')}\n`);
  });
});

describe('initScript', () => {
  it('runs initdb next to postgres, then feeds the role SQL to postgres --single', () => {
    expect(initScript('/usr/lib/postgresql/15/bin/postgres', { encoding: 'UTF8', locale: 'C.UTF-8' })).toBe(
      [
        "'/usr/lib/postgresql/15/bin/initdb' '-D' '/var/lib/postgresql/data/pgdata' '-U' 'sqlrs' '-E' 'UTF8'",
        "'--locale=C.UTF-8' '--auth-local=trust' '--auth-host=scram-sha-256' '--no-sync' '--no-instructions'",
        "&& printf '%s' \"$SQLRS_SINGLE_USER_SQL\" |",
        "'/usr/lib/postgresql/15/bin/postgres' '--single' '-D' '/var/lib/postgresql/data/pgdata' 'postgres'",
      ].join(' '),
    );
  });
});

describe('isServerErrorLine', () => {
  it('spots ERROR, FATAL and PANIC messages of postgres --single, not other output', () => {
    const lines = [
      'backend> 2026-11-22 12:15:46.596 UTC [23] ERROR:  role "sqlrs" already exists',
      'FATAL:  data directory "/x" has invalid permissions',
      '2026-11-22 12:15:46.596 UTC [23] STATEMENT:  CREATE ROLE sqlrs;',
      'backend> 2026-11-22 12:15:46.597 UTC [23] LOG:  checkpoint starting: shutdown immediate',
      'initdb: warning: enabling "trust" authentication for local connections',
    ];
    expect(lines.map(isServerErrorLine)).toEqual([true, true, false, false, false]);
  });
});
