import { ErrorResponse } from '@sqlrs/contract';
import { SqlrsError } from '@sqlrs/errors';
import type { ErrorCode } from '@sqlrs/errors';
import type { BufferedResponse } from './http-transport.js';

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_argument',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  416: 'range_not_satisfiable',
  429: 'too_many_requests',
  503: 'unavailable',
  507: 'cache_full_unreclaimable',
};

/** A response body as JSON when it parses, else its text (kept in errors for the caller). */
export function bodyValue(text: string): unknown {
  if (text.trim() === '') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The SqlrsError of a non-2xx answer: the body's code, message, details and issues when it is an
 * api.md `ErrorResponse`, else a code derived from the status; `data` is `{ status, body }`.
 */
export function responseError(response: BufferedResponse): SqlrsError {
  const body = bodyValue(response.text);
  const data = { status: response.status, body };
  const parsed = ErrorResponse.safeParse(body);
  if (parsed.success) {
    const { code, message, details, issues } = parsed.data;
    return new SqlrsError(code, message, { details, issues, data });
  }
  const code = CODE_BY_STATUS[response.status] ?? 'internal_error';
  const text = response.text.trim();
  return new SqlrsError(
    code,
    `${response.request} answered HTTP ${response.status} without an sqlrs error body; check that the endpoint is an sqlrs engine`,
    { details: text === '' ? undefined : text.slice(0, 4096), data },
  );
}
