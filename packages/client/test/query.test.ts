import { describe, expect, it } from 'vitest';
import { pathSegment, queryString } from '../src/query.js';
import { caughtSync } from './caught.js';

describe('queryString', () => {
  it('is empty without parameters that carry a value', () => {
    expect(queryString(undefined)).toBe('');
    expect(queryString({ id_prefix: undefined, state: '', force: false, image: null })).toBe('');
  });

  it('sends true flags as "true" and encodes values', () => {
    expect(queryString({ recurse: true, force: false, dry_run: true })).toBe('?recurse=true&dry_run=true');
    expect(queryString({ image: 'postgres@sha256:ab', path: 'cache.capacity.maxBytes' })).toBe(
      '?image=postgres%40sha256%3Aab&path=cache.capacity.maxBytes',
    );
  });
});

describe('pathSegment', () => {
  it('percent-encodes ids and names', () => {
    expect(pathSegment('dev.db_1', 'name')).toBe('dev.db_1');
    expect(pathSegment('a/b c', 'name')).toBe('a%2Fb%20c');
  });

  it('rejects segments URL parsing would fold into another route', () => {
    for (const value of ['', '.', '..']) {
      expect(caughtSync(() => pathSegment(value, 'id_or_name'))).toEqual({
        code: 'invalid_argument',
        message: 'id_or_name must not be empty, "." or ".."',
        details: undefined,
        issues: [{ path: 'id_or_name', message: 'expected an id or name' }],
        data: undefined,
      });
    }
  });
});
