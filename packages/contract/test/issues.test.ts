import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { formatIssuePath, issueSentence, parseOrThrow, toErrorIssues, validationError } from '../src/index.js';

test('formatIssuePath writes api.md paths', () => {
  expect(formatIssuePath(['psql_args', 3])).toBe('psql_args[3]');
  expect(formatIssuePath(['steps', 0, 'args', 1])).toBe('steps[0].args[1]');
  expect(formatIssuePath(['cache', 'capacity', 'maxBytes'])).toBe('cache.capacity.maxBytes');
  expect(formatIssuePath([])).toBe('');
});

test('toErrorIssues splits unknown keys and names absent fields', () => {
  const schema = z.strictObject({ a: z.string(), b: z.object({ c: z.number() }) });
  const result = schema.safeParse({ b: {}, x: 1, y: 2 });
  expect(result.success ? [] : toErrorIssues(result.error)).toEqual([
    { path: 'a', message: 'a is required' },
    { path: 'b.c', message: 'c is required' },
    { path: 'x', message: 'unknown field "x"' },
    { path: 'y', message: 'unknown field "y"' },
  ]);
  expect(result.success ? [] : toErrorIssues(result.error, { unknownKey: (key) => `no ${key}` }).slice(2)).toEqual([
    { path: 'x', message: 'no x' },
    { path: 'y', message: 'no y' },
  ]);
});

test('issueSentence keeps messages that name their field', () => {
  expect(issueSentence({ path: 'psql_args', message: 'psql_args is not valid for prepare_kind lb' })).toBe(
    'psql_args is not valid for prepare_kind lb',
  );
  expect(issueSentence({ path: 'psql_args[3]', message: 'argument contains a NUL character' })).toBe(
    'psql_args[3]: argument contains a NUL character',
  );
  expect(issueSentence({ path: '', message: 'expected an object' })).toBe('expected an object');
});

describe('validationError and parseOrThrow', () => {
  test('one issue: its sentence is the message and there are no details', () => {
    const error = validationError([{ path: 'prepare_kind', message: 'prepare_kind is required' }]);
    expect({ code: error.code, message: error.message, details: error.details, issues: error.issues }).toEqual({
      code: 'invalid_argument',
      message: 'prepare_kind is required',
      details: undefined,
      issues: [{ path: 'prepare_kind', message: 'prepare_kind is required' }],
    });
  });

  test('several issues are listed in details', () => {
    const schema = z.strictObject({ drain: z.boolean() });
    let caught: unknown;
    try {
      parseOrThrow(schema, { drain: 'yes', x: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: 'invalid_argument',
      message: 'drain: Invalid input: expected boolean, received string',
      details: 'drain: Invalid input: expected boolean, received string; unknown field "x"',
      issues: [
        { path: 'drain', message: 'Invalid input: expected boolean, received string' },
        { path: 'x', message: 'unknown field "x"' },
      ],
    });
    expect(parseOrThrow(schema, { drain: true })).toEqual({ drain: true });
  });
});
