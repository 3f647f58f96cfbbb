// The CLI's exit codes (sysexits, architecture.md "Engine process and CLI") and the error → code map.
import type { ErrorCode } from '@sqlrs/errors';

/** Exit codes; `run:*` exits with the tool's own code instead. */
export const EXIT = {
  ok: 0,
  usage: 64,
  jobFailed: 65,
  notFound: 66,
  unavailable: 69,
  software: 70,
  blocked: 75,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// Total over ErrorCode, so a new code without an exit code does not compile.
const BY_CODE: Record<ErrorCode, ExitCode> = {
  invalid_argument: EXIT.usage,
  unauthorized: EXIT.unavailable,
  not_found: EXIT.notFound,
  method_not_allowed: EXIT.software,
  conflict: EXIT.blocked,
  payload_too_large: EXIT.usage,
  range_not_satisfiable: EXIT.software,
  too_many_requests: EXIT.unavailable,
  internal_error: EXIT.software,
  unavailable: EXIT.unavailable,
  cache_enforcement_unavailable: EXIT.unavailable,
  cache_limit_too_small: EXIT.software,
  cache_full_unreclaimable: EXIT.software,
  cancelled: EXIT.interrupted,
  interrupted: EXIT.jobFailed,
};

/** The exit code for an error code of api.md §1.5. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  return BY_CODE[code];
}
