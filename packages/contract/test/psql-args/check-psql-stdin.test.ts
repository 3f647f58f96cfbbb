import { describe, expect, test } from 'vitest';
import { checkPsqlStdin, parsePsqlArgs } from '../../src/index.js';
import { errorOf } from './caught.js';

const withStdin = parsePsqlArgs(['-f', '-'], 'prepare');
const withoutStdin = parsePsqlArgs(['-c', 'select 1'], 'prepare');

describe('checkPsqlStdin', () => {
  test('-f - needs stdin; an empty stdin is an empty script', () => {
    const required = { code: 'invalid_argument', message: 'stdin is required when using -f -', details: undefined, issues: [{ path: 'stdin', message: 'stdin is required when using -f -' }] };
    expect(errorOf(() => checkPsqlStdin(withStdin, undefined))).toEqual(required);
    expect(errorOf(() => checkPsqlStdin(withStdin, null))).toEqual(required);
    expect(() => checkPsqlStdin(withStdin, '')).not.toThrow();
    expect(() => checkPsqlStdin(withStdin, 'select 1')).not.toThrow();
  });

  test('stdin without -f - is refused; absent, null or "" is fine', () => {
    expect(errorOf(() => checkPsqlStdin(withoutStdin, 'select 1'))).toEqual({
      code: 'invalid_argument',
      message: 'stdin is only valid with -f -',
      details: undefined,
      issues: [{ path: 'stdin', message: 'stdin is only valid with -f -' }],
    });
    for (const stdin of [undefined, null, '']) expect(() => checkPsqlStdin(withoutStdin, stdin)).not.toThrow();
  });

  test('runs need no -f - for stdin and may leave it out with -f -', () => {
    expect(() => checkPsqlStdin(parsePsqlArgs(['-c', 'select 1'], 'run'), 'select 2')).not.toThrow();
    expect(() => checkPsqlStdin(parsePsqlArgs(['-f', '-'], 'run'), null)).not.toThrow();
  });
});
