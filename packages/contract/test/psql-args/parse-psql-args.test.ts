import { describe, expect, test } from 'vitest';
import { parsePsqlArgs } from '../../src/index.js';
import { errorOf, invalid } from './caught.js';

function prepareError(args: string[]) {
  return errorOf(() => parsePsqlArgs(args, 'prepare'));
}

describe('parsePsqlArgs: a valid command line', () => {
  test('reads clusters, attached values and long forms into steps, options and variables', () => {
    const args = [
      ...['', '-Atc', 'select 1', '-f/a.sql', '-vX=1', '--set', 'Y=2', '--variable=X=3', '-1'],
      ...['--single-line', '--csv', '-P', 'format=csv', '-f', '-', '-v', 'Y', ''],
    ];
    expect(parsePsqlArgs(args, 'prepare')).toEqual({
      mode: 'prepare',
      steps: [
        { kind: 'command', sql: 'select 1', index: 2 },
        { kind: 'file', path: '/a.sql', index: 3 },
        { kind: 'stdin', index: 14 },
      ],
      options: [
        { flag: '-A', index: 1 },
        { flag: '-t', index: 1 },
        { flag: '-v', value: 'X=1', index: 4, valueIndex: 4 },
        { flag: '-v', value: 'Y=2', index: 5, valueIndex: 6 },
        { flag: '-v', value: 'X=3', index: 7, valueIndex: 7 },
        { flag: '-1', index: 8 },
        { flag: '-S', index: 9 },
        { flag: '--csv', index: 10 },
        { flag: '-P', value: 'format=csv', index: 11, valueIndex: 12 },
        { flag: '-v', value: 'Y', index: 15, valueIndex: 16 },
      ],
      variables: [{ name: 'X', value: '3' }],
      singleTransaction: true,
      singleLine: true,
      usesStdin: true,
      normalized: "-X -v ON_ERROR_STOP=1 -A -t -v X=1 -v Y=2 -v X=3 -1 -S --csv -P format=csv -v Y -c 'select 1' -f /a.sql -f -",
    });
  });

  test('no arguments (or only empty items) is an empty-database prepare with no steps', () => {
    expect(parsePsqlArgs(['', ''], 'prepare')).toEqual({
      mode: 'prepare',
      steps: [],
      options: [],
      variables: [],
      singleTransaction: false,
      singleLine: false,
      usesStdin: false,
      normalized: '-X -v ON_ERROR_STOP=1',
    });
  });

  test('drops the redundant -X and ON_ERROR_STOP=1 in any spelling, keeps other-case names as variables', () => {
    const parsed = parsePsqlArgs(['-X', '--no-psqlrc', '-qX', '-v', 'ON_ERROR_STOP=1', '--set=ON_ERROR_STOP=1', '-von_error_stop=1'], 'prepare');
    expect(parsed.options).toEqual([
      { flag: '-q', index: 2 },
      { flag: '-v', value: 'on_error_stop=1', index: 6, valueIndex: 6 },
    ]);
    expect(parsed.variables).toEqual([{ name: 'on_error_stop', value: '1' }]);
    expect(parsed.normalized).toBe('-X -v ON_ERROR_STOP=1 -q -v on_error_stop=1');
  });

  test('a value is the next item even when it looks like an option', () => {
    expect(parsePsqlArgs(['-c', '-h', '--command', '--host=x', '-F', ''], 'prepare')).toMatchObject({
      steps: [
        { kind: 'command', sql: '-h', index: 1 },
        { kind: 'command', sql: '--host=x', index: 3 },
      ],
      options: [{ flag: '-F', value: '', index: 4, valueIndex: 5 }],
    });
  });

  test('sorts resolved variables by code point and accepts non-ASCII names as psql does', () => {
    const parsed = parsePsqlArgs(['-v', 'b=2', '-v', 'é=3', '-v', 'B=1', '-v', 'a=x=y', '-v', 'a_1='], 'prepare');
    expect(parsed.variables).toEqual([
      { name: 'B', value: '1' },
      { name: 'a', value: 'x=y' },
      { name: 'a_1', value: '' },
      { name: 'b', value: '2' },
      { name: 'é', value: '3' },
    ]);
  });
});

describe('parsePsqlArgs: api.md §4.2 rejections', () => {
  test('the api.md example', () => {
    expect(prepareError(['-h', 'db', '-f', 'x.sql'])).toEqual(invalid('connection flags are not allowed', 'psql_args[0]', '-h'));
  });

  test.each([
    [['-h', 'db'], 0, '-h'],
    [['-hdb'], 0, '-h'],
    [['-X', '-h'], 1, '-h'],
    [['-c', 'select 1', '-Xh', 'db'], 2, '-h'],
    [['-Xhdb'], 0, '-h'],
    [['--host=db'], 0, '--host'],
    [['--host', 'db'], 0, '--host'],
    [['-p', '5432'], 0, '-p'],
    [['--port=5432'], 0, '--port'],
    [['-Uapp'], 0, '-U'],
    [['--username', 'app'], 0, '--username'],
    [['-A', '-d', 'app'], 1, '-d'],
    [['--dbname=app'], 0, '--dbname'],
    [['--database', 'app'], 0, '--database'],
  ])('connection flag %j', (args, index, details) => {
    expect(prepareError(args)).toEqual(invalid('connection flags are not allowed', `psql_args[${index}]`, details));
  });

  test.each([
    [['-W'], '-W'],
    [['--password'], '--password'],
    [['-s'], '-s'],
    [['-Xs'], '-s'],
    [['--single-step'], '--single-step'],
    [['-l'], '-l'],
    [['--list'], '--list'],
    [['-V'], '-V'],
    [['--version'], '--version'],
    [['-?'], '-?'],
    [['--help'], '--help'],
    [['--help=commands'], '--help'],
    [['-o', '/tmp/out'], '-o'],
    [['--output=/tmp/out'], '--output'],
    [['-L/tmp/log'], '-L'],
    [['--log-file', '/tmp/log'], '--log-file'],
  ])('option not allowed %j', (args, details) => {
    expect(prepareError(args)).toEqual(invalid('option not allowed in prepare', 'psql_args[0]', details));
  });

  test.each([
    [['--db', 'app'], '--db'],
    [['--user=app'], '--user'],
    [['--hos', 'x'], '--hos'],
    [['--no-psql'], '--no-psql'],
    [['--HOST=x'], '--HOST'],
    [['--=x'], '--'],
    [['-y'], '-y'],
    [['-Xy'], '-y'],
    [['-D'], '-D'],
  ])('unknown option %j (abbreviations included)', (args, details) => {
    expect(prepareError(args)).toEqual(invalid('unknown psql option', 'psql_args[0]', details));
  });

  test.each([
    [['app'], 0, 'app'],
    [['-X', 'app', 'user'], 1, 'app'],
    [['-c', 'select 1', 'host=db dbname=app'], 2, 'host=db dbname=app'],
    [['postgres://app@db:5432/app'], 0, 'postgres://app@db:5432/app'],
    [['postgresql:///app'], 0, 'postgresql:///app'],
    [['--', '-c', 'select 1'], 0, '--'],
    [['-c', 'select 1', '--'], 2, '--'],
    [['-'], 0, '-'],
    [[' '], 0, ' '],
  ])('positional argument %j', (args, index, details) => {
    expect(prepareError(args)).toEqual(invalid('positional arguments are not allowed', `psql_args[${index}]`, details));
  });

  test('details of a long bare word are cut to 200 characters', () => {
    const word = `host=${'x'.repeat(300)}`;
    expect(prepareError([word])).toEqual(
      invalid('positional arguments are not allowed', 'psql_args[0]', `${word.slice(0, 200)}…`),
    );
  });

  test.each([
    [['-c', ''], 1, '-c'],
    [['-c', '  \n'], 1, '-c'],
    [['--command='], 0, '--command'],
    [['--command', ''], 1, '--command'],
  ])('blank command %j', (args, index, details) => {
    expect(prepareError(args)).toEqual(invalid('command is empty', `psql_args[${index}]`, details));
  });

  test('file paths must be non-empty and absolute', () => {
    expect(prepareError(['-f', ''])).toEqual(invalid('file path is empty', 'psql_args[1]', '-f'));
    expect(prepareError(['--file='])).toEqual(invalid('file path is empty', 'psql_args[0]', '--file'));
    expect(prepareError(['-f', 'x.sql'])).toEqual(invalid('file path must be absolute', 'psql_args[1]', 'x.sql'));
    expect(prepareError(['-fx.sql'])).toEqual(invalid('file path must be absolute', 'psql_args[0]', 'x.sql'));
    expect(prepareError(['-f', '/a.sql', '--file=./b.sql'])).toEqual(invalid('file path must be absolute', 'psql_args[2]', './b.sql'));
    expect(prepareError(['-f', '~/a.sql'])).toEqual(invalid('file path must be absolute', 'psql_args[1]', '~/a.sql'));
  });

  test('-f - may be used only once', () => {
    expect(prepareError(['-f', '-', '-c', 'select 1', '-f-'])).toEqual(invalid('-f - may be used only once', 'psql_args[4]', '-f -'));
    expect(prepareError(['--file=-', '--file', '-'])).toEqual(invalid('-f - may be used only once', 'psql_args[2]', '-f -'));
  });

  test.each([
    [['-v', 'ON_ERROR_STOP=0'], 1, 'ON_ERROR_STOP=0'],
    [['-v', 'ON_ERROR_STOP'], 1, 'ON_ERROR_STOP'],
    [['-vON_ERROR_STOP='], 0, 'ON_ERROR_STOP='],
    [['--set=on_error_stop=0'], 0, 'on_error_stop=0'],
    [['--variable', 'On_Error_Stop=on'], 1, 'On_Error_Stop=on'],
    [['-v', 'ON_ERROR_STOP=1 '], 1, 'ON_ERROR_STOP=1 '],
    [['-v', 'ON_ERROR_STOP=1', '-v', 'ON_ERROR_STOP'], 3, 'ON_ERROR_STOP'],
  ])('ON_ERROR_STOP %j', (args, index, details) => {
    expect(prepareError(args)).toEqual(invalid('ON_ERROR_STOP must be set to 1', `psql_args[${index}]`, details));
  });

  test('only ASCII letters spell ON_ERROR_STOP: a look-alike is an ordinary variable', () => {
    expect(parsePsqlArgs(['-v', 'ON_ERROR_ſTOP=0'], 'prepare').variables).toEqual([{ name: 'ON_ERROR_ſTOP', value: '0' }]);
  });

  test.each([
    [['-v', '=1'], 1, '=1'],
    [['-v', ''], 1, ''],
    [['--set=a b=1'], 0, 'a b=1'],
    [['-va-b=1'], 0, 'a-b=1'],
  ])('invalid variable name %j', (args, index, details) => {
    expect(prepareError(args)).toEqual(invalid('invalid psql variable name', `psql_args[${index}]`, details || undefined));
  });

  test('missing and unexpected option values', () => {
    expect(prepareError(['-c'])).toEqual(invalid('option requires a value', 'psql_args[0]', '-c'));
    expect(prepareError(['-X', '--file'])).toEqual(invalid('option requires a value', 'psql_args[1]', '--file'));
    expect(prepareError(['-Xv'])).toEqual(invalid('option requires a value', 'psql_args[0]', '-v'));
    expect(prepareError(['--csv=1'])).toEqual(invalid('option takes no value', 'psql_args[0]', '--csv'));
    expect(prepareError(['--no-psqlrc=yes'])).toEqual(invalid('option takes no value', 'psql_args[0]', '--no-psqlrc'));
  });

  test('the first problem in command-line order decides', () => {
    expect(prepareError(['-y', '-h', 'x'])).toEqual(invalid('unknown psql option', 'psql_args[0]', '-y'));
    expect(prepareError(['-f', 'rel.sql', '-h', 'x'])).toEqual(invalid('file path must be absolute', 'psql_args[1]', 'rel.sql'));
  });
});

describe('parsePsqlArgs: run mode (api.md §6)', () => {
  test('enforces nothing: -X and ON_ERROR_STOP are kept, any ON_ERROR_STOP value and repeated -f - pass', () => {
    expect(parsePsqlArgs(['-X', '-v', 'ON_ERROR_STOP=0', '-v', 'ON_ERROR_STOP', '-f', '-', '-f', '-'], 'run')).toEqual({
      mode: 'run',
      steps: [
        { kind: 'stdin', index: 6 },
        { kind: 'stdin', index: 8 },
      ],
      options: [
        { flag: '-X', index: 0 },
        { flag: '-v', value: 'ON_ERROR_STOP=0', index: 1, valueIndex: 2 },
        { flag: '-v', value: 'ON_ERROR_STOP', index: 3, valueIndex: 4 },
      ],
      variables: [],
      singleTransaction: false,
      singleLine: false,
      usesStdin: true,
      normalized: '-X -v ON_ERROR_STOP=0 -v ON_ERROR_STOP -f - -f -',
    });
  });

  test('keeps the rejection table, with issue paths under args', () => {
    const run = (args: string[]) => errorOf(() => parsePsqlArgs(args, 'run'));
    expect(run(['-c', 'select 1', '-Xh', 'db'])).toEqual(invalid('connection flags are not allowed', 'args[2]', '-h'));
    expect(run(['-o', '/tmp/out'])).toEqual(invalid('option not allowed in run', 'args[0]', '-o'));
    expect(run(['host=db'])).toEqual(invalid('positional arguments are not allowed', 'args[0]', 'host=db'));
    expect(run(['--user=x'])).toEqual(invalid('unknown psql option', 'args[0]', '--user'));
    expect(run(['-f', 'x.sql'])).toEqual(invalid('file path must be absolute', 'args[1]', 'x.sql'));
  });

  test('takes the issue path of the list from the caller', () => {
    expect(errorOf(() => parsePsqlArgs(['-c', 'select 1', '-W'], 'run', { path: ['steps', 2, 'args'] }))).toEqual(
      invalid('option not allowed in run', 'steps[2].args[2]', '-W'),
    );
  });
});
