import { describe, expect, test } from 'vitest';
import { CacheExplainPrepareRequest, PrepareJobRequest, toErrorIssues } from '../src/index.js';

function issuesOf(body: unknown) {
  const result = PrepareJobRequest.safeParse(body);
  return result.success ? [] : toErrorIssues(result.error);
}

describe('PrepareJobRequest', () => {
  test('accepts the psql example of api.md §4.4', () => {
    const body = {
      prepare_kind: 'psql',
      image_id: 'postgres:17',
      psql_args: ['-f', '/w/app/schema.sql', '-c', 'insert into t values (1)'],
      name: 'dev',
      ttl_seconds: 3600,
    };
    expect(PrepareJobRequest.parse(body)).toEqual(body);
  });

  test('accepts the lb example of api.md §4.4', () => {
    const body = {
      prepare_kind: 'lb',
      image_id: 'postgres:17',
      work_dir: '/w/app',
      liquibase_args: ['--log-level=info', 'update', '--changelog-file', 'db/changelog.xml'],
    };
    expect(PrepareJobRequest.parse(body)).toEqual(body);
  });

  test('accepts an upstream-style lb body with empty psql fields and source_manifest', () => {
    const body = {
      prepare_kind: 'lb',
      image_id: 'postgres:17',
      psql_args: null,
      stdin: null,
      liquibase_args: ['update', '--changelog-file=/w/c.xml'],
      liquibase_exec: '',
      liquibase_exec_mode: 'auto',
      liquibase_env: {},
      work_dir: '',
      source_manifest: { anything: [1, 2] },
    };
    expect(PrepareJobRequest.parse(body)).toEqual(body);
  });

  test('trims prepare_kind and image_id', () => {
    expect(PrepareJobRequest.parse({ prepare_kind: ' psql ', image_id: ' postgres:17\n' })).toEqual({
      prepare_kind: 'psql',
      image_id: 'postgres:17',
    });
  });

  test('requires prepare_kind and image_id', () => {
    expect(issuesOf({})).toEqual([
      { path: 'prepare_kind', message: 'prepare_kind is required' },
      { path: 'image_id', message: 'image_id is required' },
    ]);
    expect(issuesOf({ prepare_kind: 'sql', image_id: '  ' })).toEqual([
      { path: 'prepare_kind', message: 'prepare_kind must be "psql" or "lb"' },
      { path: 'image_id', message: 'image_id is required' },
    ]);
  });

  test('names unknown top-level fields', () => {
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', foo: 1, psql_argz: [] })).toEqual([
      { path: 'foo', message: 'unknown field "foo"' },
      { path: 'psql_argz', message: 'unknown field "psql_argz"' },
    ]);
  });

  test('rejects fields of the other kind', () => {
    expect(issuesOf({ prepare_kind: 'lb', image_id: 'pg', psql_args: ['-c', 'x'], stdin: 's', liquibase_args: ['update'] })).toEqual([
      { path: 'psql_args', message: 'psql_args is not valid for prepare_kind lb' },
      { path: 'stdin', message: 'stdin is not valid for prepare_kind lb' },
    ]);
    expect(
      issuesOf({
        prepare_kind: 'psql',
        image_id: 'pg',
        liquibase_args: ['update'],
        liquibase_exec: '/bin/lb',
        liquibase_exec_mode: 'native',
        liquibase_env: { A: 'b' },
        work_dir: '/w',
      }),
    ).toEqual([
      { path: 'liquibase_args', message: 'liquibase_args is not valid for prepare_kind psql' },
      { path: 'liquibase_exec', message: 'liquibase_exec is not valid for prepare_kind psql' },
      { path: 'liquibase_exec_mode', message: 'liquibase_exec_mode is not valid for prepare_kind psql' },
      { path: 'liquibase_env', message: 'liquibase_env is not valid for prepare_kind psql' },
      { path: 'work_dir', message: 'work_dir is not valid for prepare_kind psql' },
    ]);
  });

  test('requires liquibase_args for lb', () => {
    expect(issuesOf({ prepare_kind: 'lb', image_id: 'pg', liquibase_args: [] })).toEqual([
      { path: 'liquibase_args', message: 'liquibase_args is required for prepare_kind lb' },
    ]);
  });

  test('rejects windows-bat as unsupported', () => {
    expect(issuesOf({ prepare_kind: 'lb', image_id: 'pg', liquibase_args: ['update'], liquibase_exec_mode: 'windows-bat' })).toEqual([
      { path: 'liquibase_exec_mode', message: 'liquibase_exec_mode windows-bat is not supported; use auto or native' },
    ]);
  });

  test('rejects name and ttl_seconds with plan_only, but allows a null ttl', () => {
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', plan_only: true, name: 'dev', ttl_seconds: 0 })).toEqual([
      { path: 'name', message: 'name is not valid with plan_only; no instance is created' },
      { path: 'ttl_seconds', message: 'ttl_seconds is not valid with plan_only; no instance is created' },
    ]);
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', plan_only: true, name: null, ttl_seconds: null })).toEqual([]);
  });

  test('explain requests ignore plan_only, name and ttl_seconds together', () => {
    const body = { prepare_kind: 'psql', image_id: 'pg', plan_only: true, name: 'dev', ttl_seconds: 60 };
    expect(CacheExplainPrepareRequest.parse(body)).toEqual(body);
  });

  test('checks the ttl range', () => {
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', ttl_seconds: 2_592_000 })).toEqual([]);
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', ttl_seconds: 2_592_001 })).toEqual([
      { path: 'ttl_seconds', message: 'expected 0 (never expires) or 1..2592000 seconds' },
    ]);
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', ttl_seconds: 1.5 })).toEqual([
      { path: 'ttl_seconds', message: 'expected an integer number of seconds' },
    ]);
  });

  test('checks the name grammar', () => {
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', name: 'deadbeef' })).toEqual([
      {
        path: 'name',
        message: 'invalid name: names may not be 8 or more hex characters, which look like an instance id or id prefix',
      },
    ]);
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', name: 'Dev' })).toEqual([
      {
        path: 'name',
        message: 'invalid name: names are 1-63 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit',
      },
    ]);
  });

  test('applies the list limits of §1.9 with item paths', () => {
    const args = ['-c', 'select 1', '-c', 'a\u0000b', '-c', 'é'.repeat(32 * 1024 + 1)];
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', psql_args: args })).toEqual([
      { path: 'psql_args[3]', message: 'argument contains a NUL character' },
      { path: 'psql_args[5]', message: 'argument is longer than 64 KiB' },
    ]);
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', psql_args: Array<string>(513).fill('-X') })).toEqual([
      { path: 'psql_args', message: 'at most 512 items are allowed' },
    ]);
    expect(issuesOf({ prepare_kind: 'psql', image_id: 'pg', psql_args: Array<string>(512).fill('x'.repeat(65536)) })).toEqual([]);
  });

  test('applies the liquibase_env limits', () => {
    const env: Record<string, string> = {};
    for (let i = 0; i < 65; i++) env[`V${i}`] = 'x';
    env['1BAD'] = 'x';
    env['LONG'] = 'x'.repeat(8 * 1024 + 1);
    env['K'.repeat(129)] = 'x';
    expect(issuesOf({ prepare_kind: 'lb', image_id: 'pg', liquibase_args: ['update'], liquibase_env: env })).toEqual([
      { path: 'liquibase_env', message: 'at most 64 entries are allowed' },
      { path: 'liquibase_env.1BAD', message: 'variable names are letters, digits and "_", not starting with a digit' },
      { path: 'liquibase_env.LONG', message: 'value is longer than 8 KiB' },
      { path: `liquibase_env.${'K'.repeat(129)}`, message: 'variable name is longer than 128 characters' },
    ]);
  });

  test('requires an absolute work_dir', () => {
    expect(issuesOf({ prepare_kind: 'lb', image_id: 'pg', liquibase_args: ['update'], work_dir: 'w/app' })).toEqual([
      { path: 'work_dir', message: 'work_dir must be an absolute path' },
    ]);
  });
});
