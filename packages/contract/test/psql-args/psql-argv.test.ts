import { describe, expect, test } from 'vitest';
import { ENFORCED_PSQL_ARGS, normalizePsqlArgs, parsePsqlArgs, stepArgv } from '../../src/index.js';
import { errorOf } from './caught.js';

function normalized(args: string[]) {
  return normalizePsqlArgs(parsePsqlArgs(args, 'prepare'));
}

describe('normalizePsqlArgs', () => {
  test.each([
    [['-f', '/w/app/schema.sql', '-c', 'insert into t values (1)'], "-X -v ON_ERROR_STOP=1 -f /w/app/schema.sql -c 'insert into t values (1)'"],
    [['--file=/a.sql'], '-X -v ON_ERROR_STOP=1 -f /a.sql'],
    [['-vA=1'], '-X -v ON_ERROR_STOP=1 -v A=1'],
    [['-c', 'select 1', '-A', '-f', '/a.sql', '-t'], "-X -v ON_ERROR_STOP=1 -A -t -c 'select 1' -f /a.sql"],
    [['--no-align', '--single-transaction', '--set=X=1', '--variable', 'Y=2', '--csv', '--pset=null=∅'], "-X -v ON_ERROR_STOP=1 -A -1 -v X=1 -v Y=2 --csv -P 'null=∅'"],
    [['-X', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-c', 'select 1'], "-X -v ON_ERROR_STOP=1 -c 'select 1'"],
    [['-Atc', 'select 1', '-f-'], "-X -v ON_ERROR_STOP=1 -A -t -c 'select 1' -f -"],
    [[], '-X -v ON_ERROR_STOP=1'],
  ])('%j', (args, expected) => {
    expect(normalized(args)).toBe(expected);
  });

  test('POSIX single-quotes whitespace, quotes, shell metacharacters and empty items', () => {
    expect(
      normalized([
        '-c',
        "select 'it''s'",
        '-c',
        'select 1;\nselect 2',
        '-f',
        '/my dir/$HOME/a*.sql',
        '-F',
        '',
        '-T',
        'border="1"',
        '-v',
        'greeting=hello world',
        '-v',
        'path=~/x',
        '-v',
        'x=a|b&c>d<e(f)`g`!h#i',
      ]),
    ).toBe(
      [
        '-X -v ON_ERROR_STOP=1',
        "-F ''",
        `-T 'border="1"'`,
        "-v 'greeting=hello world'",
        "-v 'path=~/x'",
        "-v 'x=a|b&c>d<e(f)`g`!h#i'",
        `-c 'select '\\''it'\\'''\\''s'\\'''`,
        "-c 'select 1;\nselect 2'",
        "-f '/my dir/$HOME/a*.sql'",
      ].join(' '),
    );
  });

  test('run mode has no enforced prefix and drops nothing', () => {
    expect(normalizePsqlArgs(parsePsqlArgs(['-X', '-c', 'select 1', '-q'], 'run'))).toBe("-X -q -c 'select 1'");
  });
});

describe('stepArgv', () => {
  test('every step starts -X -v ON_ERROR_STOP=1 and gets every non-input option, written before or after it', () => {
    const parsed = parsePsqlArgs(['-1', '-f', '/a.sql', '-c', 'select 1', '-v', 'X=1', '-f', '-', '--echo-all'], 'prepare');
    expect([0, 1, 2].map((i) => stepArgv(parsed, i))).toEqual([
      ['-X', '-v', 'ON_ERROR_STOP=1', '-1', '-v', 'X=1', '-a', '-f', '/a.sql'],
      ['-X', '-v', 'ON_ERROR_STOP=1', '-1', '-v', 'X=1', '-a', '-c', 'select 1'],
      ['-X', '-v', 'ON_ERROR_STOP=1', '-1', '-v', 'X=1', '-a', '-f', '-'],
    ]);
    expect(ENFORCED_PSQL_ARGS).toEqual(['-X', '-v', 'ON_ERROR_STOP=1']);
  });

  test('keeps items unquoted, as argv, and never adds connection arguments', () => {
    const parsed = parsePsqlArgs(['-c', "select 'a b'", '-F', ''], 'prepare');
    expect(stepArgv(parsed, 0)).toEqual(['-X', '-v', 'ON_ERROR_STOP=1', '-F', '', '-c', "select 'a b'"]);
  });

  test('a step that does not exist is a programming error', () => {
    expect(errorOf(() => stepArgv(parsePsqlArgs([], 'prepare'), 0))).toEqual({
      code: 'internal_error',
      message: 'psql step 0 does not exist',
      details: 'the command line has 0 steps',
      issues: undefined,
    });
  });
});
