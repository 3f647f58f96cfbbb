import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { isValidName, nameProblem, parseName } from '../src/index.js';

describe('name grammar (api.md §1.6)', () => {
  it.each(['dev', 'deadbee', 'dead-beef1', 'a', 'app_1.test', '9lives', 'z'.repeat(63)])('accepts %s', (name) => {
    expect(isValidName(name)).toBe(true);
  });

  it.each([
    ['deadbeef', 'looks like an id prefix'],
    ['0123456789abcdef0123456789abcdef', 'looks like an instance id'],
    ['Dev', 'uppercase is rejected, not folded'],
    ['-dev', 'must start with a letter or digit'],
    ['', 'empty'],
    ['z'.repeat(64), 'too long'],
    ['my name', 'whitespace'],
    ['a/b', 'slash'],
  ])('rejects %s (%s)', (name) => {
    expect(isValidName(name)).toBe(false);
  });

  it('explains an id-like name', () => {
    expect(nameProblem('deadbeef')).toBe(
      'names may not be 8 or more hex characters, which look like an instance id or id prefix',
    );
  });

  it('parseName throws invalid_argument with an issue on the name field', () => {
    expect(parseName('dev')).toBe('dev');
    try {
      parseName('DEV');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SqlrsError);
      const e = err as SqlrsError;
      expect({ code: e.code, message: e.message, path: e.issues?.[0]?.path }).toEqual({
        code: 'invalid_argument',
        message: 'invalid name',
        path: 'name',
      });
    }
  });
});
