/** Every error code of api.md §1.5; new codes are added there first. */
export const ERROR_CODES = [
  'invalid_argument',
  'unauthorized',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'range_not_satisfiable',
  'too_many_requests',
  'internal_error',
  'unavailable',
  'cache_enforcement_unavailable',
  'cache_limit_too_small',
  'cache_full_unreclaimable',
  'cancelled',
  'interrupted',
] as const;

/** The literal union of api.md error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** True when `value` is one of the api.md error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
