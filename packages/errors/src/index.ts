// The sqlrs error class and the api.md error-code union; the leaf every package may import.
export { ERROR_CODES, isErrorCode } from './error-code.js';
export type { ErrorCode } from './error-code.js';
export { SqlrsError, isSqlrsError, toSqlrsError } from './sqlrs-error.js';
export type { ErrorIssue, SqlrsErrorOptions } from './sqlrs-error.js';
