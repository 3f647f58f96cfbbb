import { describe, expect, test } from 'vitest';
import { deleteAtPath, formatConfigPath, getAtPath, parseConfigPath, setAtPath } from '../src/index.js';

describe('parseConfigPath', () => {
  test('splits keys and indexes', () => {
    expect(parseConfigPath('a.b[0].c')).toEqual(['a', 'b', 0, 'c']);
    expect(parseConfigPath('runtime.portRange[1]')).toEqual(['runtime', 'portRange', 1]);
    expect(parseConfigPath('m[0][12]')).toEqual(['m', 0, 12]);
    expect(parseConfigPath('log.level')).toEqual(['log', 'level']);
  });

  test.each(['', '.', 'a.', '.a', 'a..b', 'a[', 'a[]', 'a[-1]', 'a[01]', '[0]', 'a.[0]', 'a b', 'a]', 'a.__proto__.b', 'constructor'])(
    'rejects %j as invalid path',
    (path) => {
      expect(() => parseConfigPath(path)).toThrow(expect.objectContaining({ code: 'invalid_argument', message: 'invalid path' }));
    },
  );

  test('the error explains the syntax', () => {
    expect(() => parseConfigPath('a..b')).toThrow(
      expect.objectContaining({
        details:
          '"a..b": unexpected "."; write dot-separated keys with optional [n] indexes, e.g. cache.capacity.maxBytes or runtime.portRange[0]',
        issues: [{ path: 'path', message: 'unexpected "."' }],
      }),
    );
  });

  test('formatConfigPath is the inverse', () => {
    for (const path of ['a.b[0].c', 'runtime.portRange[1]', 'm[0][12]', 'x']) {
      expect(formatConfigPath(parseConfigPath(path))).toBe(path);
    }
  });
});

describe('path values', () => {
  const config = { cache: { capacity: { maxBytes: null, minStateAge: '10m' } }, runtime: { portRange: [15432, 16431] } };

  test('getAtPath finds values, null included, and undefined for missing steps', () => {
    expect(getAtPath(config, ['cache', 'capacity', 'maxBytes'])).toBeNull();
    expect(getAtPath(config, ['runtime', 'portRange', 1])).toBe(16431);
    expect(getAtPath(config, ['runtime', 'portRange', 2])).toBeUndefined();
    expect(getAtPath(config, ['cache', 'capacity', 'minStateAge', 'x'])).toBeUndefined();
    expect(getAtPath(config, ['toString'])).toBeUndefined();
    expect(getAtPath(config, [])).toBe(config);
  });

  test('setAtPath copies and creates missing objects and arrays', () => {
    expect(setAtPath({}, ['cache', 'capacity', 'maxBytes'], 5)).toEqual({ cache: { capacity: { maxBytes: 5 } } });
    expect(setAtPath(config, ['runtime', 'portRange', 0], 20000)).toEqual({ ...config, runtime: { portRange: [20000, 16431] } });
    expect(setAtPath({}, ['a', 1, 'b'], true)).toEqual({ a: [null, { b: true }] });
    expect(setAtPath({ a: 'scalar' }, ['a', 'b'], 1)).toEqual({ a: { b: 1 } });
    expect(config.runtime.portRange).toEqual([15432, 16431]);
  });

  test('deleteAtPath removes the value and prunes objects it leaves empty', () => {
    expect(deleteAtPath({ cache: { capacity: { maxBytes: 1 } }, log: { level: 'debug' } }, ['cache', 'capacity', 'maxBytes'])).toEqual({
      value: { log: { level: 'debug' } },
      removed: true,
    });
    expect(deleteAtPath(config, ['cache', 'capacity', 'maxBytes'])).toEqual({
      value: { cache: { capacity: { minStateAge: '10m' } }, runtime: { portRange: [15432, 16431] } },
      removed: true,
    });
    expect(deleteAtPath({ a: [1, 2, 3] }, ['a', 1])).toEqual({ value: { a: [1, 3] }, removed: true });
    expect(deleteAtPath({ a: {} }, ['a', 'b'])).toEqual({ value: { a: {} }, removed: false });
    expect(deleteAtPath({}, ['a', 'b'])).toEqual({ value: {}, removed: false });
  });
});
