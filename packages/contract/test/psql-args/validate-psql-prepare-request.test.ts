import { describe, expect, test } from 'vitest';
import { PrepareJobRequest, parsePsqlArgs, validatePsqlPrepareRequest } from '../../src/index.js';
import { errorOf, invalid } from './caught.js';

describe('validatePsqlPrepareRequest', () => {
  test('parses the api.md §4.4 request after the schema', () => {
    const request = PrepareJobRequest.parse({
      prepare_kind: 'psql',
      image_id: 'postgres:17',
      psql_args: ['-f', '/w/app/schema.sql', '-c', 'insert into t values (1)'],
    });
    expect(validatePsqlPrepareRequest(request)).toEqual(parsePsqlArgs(['-f', '/w/app/schema.sql', '-c', 'insert into t values (1)'], 'prepare'));
  });

  test('null or absent psql_args is an empty-database prepare', () => {
    expect(validatePsqlPrepareRequest({ psql_args: null }).normalized).toBe('-X -v ON_ERROR_STOP=1');
    expect(validatePsqlPrepareRequest({}).steps).toEqual([]);
  });

  test('names the offending item as psql_args[i]', () => {
    expect(errorOf(() => validatePsqlPrepareRequest({ psql_args: ['-X', '-q', '-c', 'select 1', '--db=x'] }))).toEqual(
      invalid('unknown psql option', 'psql_args[4]', '--db'),
    );
  });

  test('checks stdin against -f -', () => {
    expect(validatePsqlPrepareRequest({ psql_args: ['-f', '-'], stdin: 'select 1' }).usesStdin).toBe(true);
    expect(errorOf(() => validatePsqlPrepareRequest({ psql_args: ['-f', '-'], stdin: null }))).toEqual(
      invalid('stdin is required when using -f -', 'stdin'),
    );
    expect(errorOf(() => validatePsqlPrepareRequest({ psql_args: ['-c', 'select 1'], stdin: 'select 2' }))).toEqual(
      invalid('stdin is only valid with -f -', 'stdin'),
    );
  });

  test('argument errors come before stdin errors', () => {
    expect(errorOf(() => validatePsqlPrepareRequest({ psql_args: ['-f', '-', '-f', '-'], stdin: null }))).toEqual(
      invalid('-f - may be used only once', 'psql_args[3]', '-f -'),
    );
  });
});
