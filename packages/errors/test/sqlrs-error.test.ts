import { describe, expect, it } from 'vitest';
import { SqlrsError, isErrorCode, isSqlrsError, toSqlrsError } from '../src/index.js';

describe('SqlrsError', () => {
  it('carries code, message, details, issues and cause', () => {
    const cause = new Error('disk on fire');
    const err = new SqlrsError('invalid_argument', 'invalid id_prefix', {
      details: 'xyz',
      issues: [{ path: 'id_prefix', message: 'must be hex' }],
      cause,
    });
    expect({ code: err.code, message: err.message, details: err.details, issues: err.issues }).toEqual({
      code: 'invalid_argument',
      message: 'invalid id_prefix',
      details: 'xyz',
      issues: [{ path: 'id_prefix', message: 'must be hex' }],
    });
    expect(err.cause).toBe(cause);
    expect(err).toBeInstanceOf(Error);
  });

  it('drops empty details so responses omit them', () => {
    expect(new SqlrsError('not_found', 'job not found', { details: '' }).details).toBeUndefined();
  });

  it('wraps unknown failures as internal_error and keeps the cause', () => {
    const cause = new TypeError('boom');
    const wrapped = toSqlrsError(cause);
    expect({ code: wrapped.code, details: wrapped.details }).toEqual({ code: 'internal_error', details: 'boom' });
    expect(wrapped.cause).toBe(cause);
    const own = new SqlrsError('conflict', 'name in use');
    expect(toSqlrsError(own)).toBe(own);
  });

  it('recognises error codes and errors', () => {
    expect(isErrorCode('cache_full_unreclaimable')).toBe(true);
    expect(isErrorCode('teapot')).toBe(false);
    expect(isSqlrsError(new SqlrsError('unavailable', 'x'))).toBe(true);
    expect(isSqlrsError(new Error('x'))).toBe(false);
  });
});
