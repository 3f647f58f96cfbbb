import { describe, expect, test } from 'vitest';
import { parsePgbenchArgs } from '../../src/index.js';
import { errorOf, invalid } from './caught.js';

function pgbenchError(args: string[]) {
  return errorOf(() => parsePgbenchArgs(args));
}

describe('parsePgbenchArgs', () => {
  test('reads pgbench clusters, values, weighted scripts and stdin', () => {
    const args = [
      ...['-nc4', '-j', '2', '-T60', '-f/a.sql@5', '--file=/b c.sql', '-f', '-', ''],
      ...['--progress-timestamp', '-P', '5', '-D', 'x=1', '--debug', '-b', 'tpcb-like@2'],
    ];
    expect(parsePgbenchArgs(args)).toEqual({
      options: [
        { flag: '-n', index: 0 },
        { flag: '-c', value: '4', index: 0, valueIndex: 0 },
        { flag: '-j', value: '2', index: 1, valueIndex: 2 },
        { flag: '-T', value: '60', index: 3, valueIndex: 3 },
        { flag: '-f', value: '/a.sql@5', index: 4, valueIndex: 4 },
        { flag: '-f', value: '/b c.sql', index: 5, valueIndex: 5 },
        { flag: '-f', value: '-', index: 6, valueIndex: 7 },
        { flag: '--progress-timestamp', index: 9 },
        { flag: '-P', value: '5', index: 10, valueIndex: 11 },
        { flag: '-D', value: 'x=1', index: 12, valueIndex: 13 },
        { flag: '--debug', index: 14 },
        { flag: '-b', value: 'tpcb-like@2', index: 15, valueIndex: 16 },
      ],
      scripts: [
        { path: '/a.sql', weight: '5', index: 4 },
        { path: '/b c.sql', index: 5 },
      ],
      usesStdin: true,
    });
  });

  test('initialisation options parse with pgbench arities (-i takes no value, -s and -I do)', () => {
    expect(parsePgbenchArgs(['-is', '10', '-Idtg', '--partitions=4', '--unlogged-tables']).options).toEqual([
      { flag: '-i', index: 0 },
      { flag: '-s', value: '10', index: 0, valueIndex: 1 },
      { flag: '-I', value: 'dtg', index: 2, valueIndex: 2 },
      { flag: '--partitions', value: '4', index: 3, valueIndex: 3 },
      { flag: '--unlogged-tables', index: 4 },
    ]);
  });

  test.each([
    [['-h', 'db'], 0, '-h'],
    [['-hdb'], 0, '-h'],
    [['--host=db'], 0, '--host'],
    [['-c', '4', '--port', '5432'], 2, '--port'],
    [['-Uapp'], 0, '-U'],
    [['--username=app'], 0, '--username'],
    [['-d'], 0, '-d'],
    [['-nd'], 0, '-d'],
    [['--dbname', 'app'], 0, '--dbname'],
    [['-ip', '5432'], 0, '-p'],
  ])('connection flag %j', (args, index, details) => {
    expect(pgbenchError(args)).toEqual(invalid('connection flags are not allowed', `args[${index}]`, details));
  });

  test.each([
    [['app'], 0, 'app'],
    [['-c', '4', 'host=db dbname=app'], 2, 'host=db dbname=app'],
    [['postgres://app@db/app'], 0, 'postgres://app@db/app'],
    [['--', '-c', '4'], 0, '--'],
  ])('positional argument %j', (args, index, details) => {
    expect(pgbenchError(args)).toEqual(invalid('positional arguments are not allowed', `args[${index}]`, details));
  });

  test('abbreviations and unknown letters are unknown options', () => {
    expect(pgbenchError(['--deb'])).toEqual(invalid('unknown pgbench option', 'args[0]', '--deb'));
    expect(pgbenchError(['--user=x'])).toEqual(invalid('unknown pgbench option', 'args[0]', '--user'));
    expect(pgbenchError(['-nX'])).toEqual(invalid('unknown pgbench option', 'args[0]', '-X'));
  });

  test('scripts must be non-empty absolute paths, weight or not', () => {
    expect(pgbenchError(['-f', 'a.sql'])).toEqual(invalid('file path must be absolute', 'args[1]', 'a.sql'));
    expect(pgbenchError(['--file=a.sql@2'])).toEqual(invalid('file path must be absolute', 'args[0]', 'a.sql'));
    expect(pgbenchError(['-f', '@2'])).toEqual(invalid('file path is empty', 'args[1]', '-f'));
    expect(pgbenchError(['--file='])).toEqual(invalid('file path is empty', 'args[0]', '--file'));
  });

  test('missing and unexpected values', () => {
    expect(pgbenchError(['-nc'])).toEqual(invalid('option requires a value', 'args[0]', '-c'));
    expect(pgbenchError(['--initialize=yes'])).toEqual(invalid('option takes no value', 'args[0]', '--initialize'));
  });

  test('takes the issue path of the list from the caller', () => {
    expect(errorOf(() => parsePgbenchArgs(['-h', 'x'], { path: ['pgbench_args'] }))).toEqual(
      invalid('connection flags are not allowed', 'pgbench_args[0]', '-h'),
    );
  });
});
