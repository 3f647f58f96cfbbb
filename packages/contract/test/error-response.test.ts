import { ERROR_CODES } from '@sqlrs/errors';
import { expect, test } from 'vitest';
import { ErrorCode, ErrorResponse } from '../src/index.js';

test('accepts the api.md error bodies', () => {
  const bodies = [
    { code: 'unauthorized', message: 'missing or invalid bearer token' },
    {
      code: 'invalid_argument',
      message: 'connection flags are not allowed',
      details: '-h',
      issues: [{ path: 'psql_args[0]', message: 'connection flags are not allowed' }],
    },
    { code: 'range_not_satisfiable', message: 'job has 19 events and is finished' },
  ];
  expect(bodies.map((body) => ErrorResponse.parse(body))).toEqual(bodies);
});

test('ErrorCode is exactly the code list of @sqlrs/errors', () => {
  expect(ErrorCode.options).toEqual([...ERROR_CODES]);
  expect(ErrorResponse.safeParse({ code: 'teapot', message: 'x' }).success).toBe(false);
});
