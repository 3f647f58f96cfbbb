import { SqlrsError, isSqlrsError } from '@sqlrs/errors';

// Socket-level failures that mean "no daemon answers there" rather than "the daemon said no".
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** The HTTP status of a daemon error (docker-modem sets `statusCode`). */
export function statusCodeOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** True for a daemon `404` (no such container / image / exec). */
export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

/** The daemon's own message (`{"message": …}`) or the error's text. */
export function daemonMessage(error: unknown): string {
  const json = (error as { json?: unknown } | null)?.json;
  if (typeof json === 'object' && json !== null && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message;
  }
  return error instanceof Error ? error.message : String(error);
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the failure is the connection to the daemon, not an answer from it. */
export function isDaemonUnreachable(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && UNREACHABLE.has(code);
}

/** Why the daemon at `address` cannot be used and what to do, for probes and `unavailable` errors. */
export function unreachableReason(address: string, cause?: unknown): { reason: string; fix: string } {
  if (errorCode(cause) === 'EACCES') {
    return {
      reason: `permission denied on the docker daemon socket ${address}`,
      fix: 'run the engine as a user in the docker group, or set runtime.kind=process',
    };
  }
  return { reason: `docker daemon is not reachable at ${address}`, fix: 'start Docker or set DOCKER_HOST, then retry' };
}

/** The `unavailable` error for a daemon that does not answer at `address`. */
function daemonUnreachable(address: string, cause?: unknown): SqlrsError {
  const { reason, fix } = unreachableReason(address, cause);
  return new SqlrsError('unavailable', `${reason}; ${fix}`, cause === undefined ? {} : { details: daemonMessage(cause), cause });
}

/**
 * Turns a dockerode failure into a `SqlrsError`: an unreachable daemon is `unavailable` naming
 * the address; anything else is `internal_error` saying what was being done.
 */
export function dockerFailure(error: unknown, doing: string, address: string): SqlrsError {
  if (isSqlrsError(error)) return error;
  if (isDaemonUnreachable(error)) return daemonUnreachable(address, error);
  return new SqlrsError('internal_error', `docker failed while ${doing}`, { details: daemonMessage(error), cause: error });
}
