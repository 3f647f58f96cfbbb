import type { ErrorCode } from './error-code.js';

/** One validation problem, as api.md's `issues` entries. */
export interface ErrorIssue {
  path: string;
  message: string;
}

/** Data an error carries besides its code and message. */
export interface SqlrsErrorOptions {
  /** Free text for the caller (api.md: always a string). */
  details?: string;
  issues?: ErrorIssue[];
  /** Extra machine-readable facts; never sent over HTTP as-is. */
  data?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error class of sqlrs: a code from api.md, a message that says what to do, and data. */
export class SqlrsError extends Error {
  override readonly name = 'SqlrsError';
  readonly code: ErrorCode;
  readonly details: string | undefined;
  readonly issues: ErrorIssue[] | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: SqlrsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details === '' ? undefined : options.details;
    this.issues = options.issues;
    this.data = options.data;
  }
}

/** True for any SqlrsError, also one thrown by another copy of this package. */
export function isSqlrsError(value: unknown): value is SqlrsError {
  return value instanceof SqlrsError || (value instanceof Error && value.name === 'SqlrsError' && 'code' in value);
}

/** Wraps an unknown failure as `internal_error`, keeping the original as `cause`. */
export function toSqlrsError(value: unknown): SqlrsError {
  if (isSqlrsError(value)) return value;
  const text = value instanceof Error ? value.message : String(value);
  return new SqlrsError('internal_error', 'internal error', { details: text, cause: value });
}
