import type { ErrorCode } from '@sqlrs/errors';

/** HTTP status of every error code (api.md §1.5); a new code without a status does not compile. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_argument: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  too_many_requests: 429,
  internal_error: 500,
  unavailable: 503,
  cache_enforcement_unavailable: 503,
  cache_limit_too_small: 507,
  cache_full_unreclaimable: 507,
  // Never HTTP statuses (job and run errors only); mapped defensively.
  cancelled: 500,
  interrupted: 500,
};
