import type { Context } from 'hono';
import { SqlrsError, toSqlrsError } from '@sqlrs/errors';
import type { ErrorCode, ErrorIssue } from '@sqlrs/errors';
import { HTTP_STATUS } from './http-status.js';

/** The JSON body of every error response (api.md §1.5). */
interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: string;
  issues?: ErrorIssue[];
}

/** The api.md `ErrorResponse` of an error; empty details and issues are omitted. */
export function errorBody(err: SqlrsError): ErrorBody {
  const body: ErrorBody = { code: err.code, message: err.message };
  if (err.details !== undefined && err.details !== '') body.details = err.details;
  if (err.issues !== undefined && err.issues.length > 0) body.issues = err.issues;
  return body;
}

/** Sends `err` (anything; unknown failures become internal_error) as a JSON error response. */
export function sendError(c: Context, err: unknown, headers: Record<string, string> = {}): Response {
  const e = toSqlrsError(err);
  const status = HTTP_STATUS[e.code];
  return new Response(JSON.stringify(errorBody(e)), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers, ...retryHeaders(e) },
  });
}

function retryHeaders(err: SqlrsError): Record<string, string> {
  return err.code === 'too_many_requests' ? { 'Retry-After': '1' } : {};
}

/** The 404 of an unknown route, naming the method and path. */
export function noRoute(method: string, path: string): SqlrsError {
  return new SqlrsError('not_found', `no route for ${method} ${path}`);
}
