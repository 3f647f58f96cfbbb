import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { parseIdPrefix, parseJobFilter } from '../src/index.js';

function errorOf(fn: () => unknown): SqlrsError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SqlrsError) return err;
  }
  throw new Error('expected a SqlrsError');
}

describe('parseIdPrefix', () => {
  it('treats absent, empty and blank as no filter', () => {
    expect(parseIdPrefix(undefined, 32)).toBeUndefined();
    expect(parseIdPrefix('', 32)).toBeUndefined();
    expect(parseIdPrefix('   ', 64)).toBeUndefined();
  });

  it('accepts 8..length hex characters, trimmed and lowercased', () => {
    expect(parseIdPrefix(' 4BE1D2C3 ', 32)).toBe('4be1d2c3');
    expect(parseIdPrefix('a'.repeat(32), 32)).toBe('a'.repeat(32));
    expect(parseIdPrefix('b'.repeat(64), 64)).toBe('b'.repeat(64));
  });

  it.each([
    ['too short', 'abcdef1', 32],
    ['too long for an instance', 'a'.repeat(33), 32],
    ['too long for a state', 'a'.repeat(65), 64],
    ['not hex', 'abcdefgh', 32],
  ] as const)('rejects %s', (_label, value, length) => {
    const err = errorOf(() => parseIdPrefix(value, length));
    expect({ code: err.code, message: err.message }).toEqual({ code: 'invalid_argument', message: 'invalid id_prefix' });
  });
});

describe('parseJobFilter', () => {
  it('accepts 1..32 hex characters', () => {
    expect(parseJobFilter('9F2C')).toBe('9f2c');
    expect(parseJobFilter('a')).toBe('a');
    expect(parseJobFilter('')).toBeUndefined();
  });

  it('rejects non-hex and over-long values', () => {
    expect(errorOf(() => parseJobFilter('xyz')).message).toBe('invalid job');
    expect(errorOf(() => parseJobFilter('a'.repeat(33))).message).toBe('invalid job');
  });
});
