import { describe, expect, it } from 'vitest';
import { SINGLE_USER_SQL, initdbArgv, singleUserArgv } from '../src/init-commands.js';

describe('init commands', () => {
  it('runs initdb with the sqlrs superuser, the spec and sqlrs auth defaults', () => {
    expect(initdbArgv('/d/pgdata', { encoding: 'UTF8', locale: 'C.UTF-8' })).toEqual([
      '-D',
      '/d/pgdata',
      '-U',
      'sqlrs',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--no-sync',
      '--no-instructions',
    ]);
  });

  it('adds the postgres role in a single-user session', () => {
    expect(singleUserArgv('/d/pgdata')).toEqual(['--single', '-D', '/d/pgdata', 'postgres']);
    expect(SINGLE_USER_SQL).toBe('CREATE ROLE postgres SUPERUSER LOGIN;\n');
  });
});
