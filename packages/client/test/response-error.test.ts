import { describe, expect, it } from 'vitest';
import { bodyValue, responseError } from '../src/response-error.js';
import type { BufferedResponse } from '../src/http-transport.js';

function answer(status: number, text: string): BufferedResponse {
  return { request: 'POST /v1/prepare-jobs', status, headers: new Headers(), text };
}

function fields(status: number, text: string): unknown {
  const error = responseError(answer(status, text));
  return { code: error.code, message: error.message, details: error.details, issues: error.issues, data: error.data };
}

describe('responseError', () => {
  it('carries every field of an ErrorResponse body and the status and body as data', () => {
    const body = {
      code: 'invalid_argument',
      message: 'connection flags are not allowed',
      details: '-h',
      issues: [{ path: 'psql_args[0]', message: 'connection flags are not allowed' }],
    };
    expect(fields(400, JSON.stringify(body))).toEqual({ ...body, data: { status: 400, body } });
  });

  it('keeps a body without details or issues as it is', () => {
    const body = { code: 'not_found', message: 'instance not found' };
    expect(fields(404, JSON.stringify(body))).toEqual({
      ...body,
      details: undefined,
      issues: undefined,
      data: { status: 404, body },
    });
  });

  it('derives the code from the status when the body is not an ErrorResponse', () => {
    expect(fields(503, 'Service Unavailable')).toEqual({
      code: 'unavailable',
      message: 'POST /v1/prepare-jobs answered HTTP 503 without an sqlrs error body; check that the endpoint is an sqlrs engine',
      details: 'Service Unavailable',
      issues: undefined,
      data: { status: 503, body: 'Service Unavailable' },
    });
    expect(fields(502, '')).toEqual({
      code: 'internal_error',
      message: 'POST /v1/prepare-jobs answered HTTP 502 without an sqlrs error body; check that the endpoint is an sqlrs engine',
      details: undefined,
      issues: undefined,
      data: { status: 502, body: '' },
    });
    expect(fields(409, '{"code":"nope","message":"x"}')).toEqual({
      code: 'conflict',
      message: 'POST /v1/prepare-jobs answered HTTP 409 without an sqlrs error body; check that the endpoint is an sqlrs engine',
      details: '{"code":"nope","message":"x"}',
      issues: undefined,
      data: { status: 409, body: { code: 'nope', message: 'x' } },
    });
  });
});

describe('bodyValue', () => {
  it('parses JSON and keeps anything else as text', () => {
    expect(bodyValue('{"a":1}')).toEqual({ a: 1 });
    expect(bodyValue('not json')).toBe('not json');
    expect(bodyValue('')).toBe('');
  });
});
