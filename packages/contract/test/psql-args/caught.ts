// Turns a thrown SqlrsError into the body a caller sees, so tests assert whole errors.
import { isSqlrsError } from '@sqlrs/errors';

/** The caller-visible fields of an error. */
export interface ErrorBody {
  code: string;
  message: string;
  details: string | undefined;
  issues: unknown;
}

/** The body of the SqlrsError `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): ErrorBody {
  try {
    run();
  } catch (error) {
    if (isSqlrsError(error)) return { code: error.code, message: error.message, details: error.details, issues: error.issues };
    throw error;
  }
  throw new Error('expected a SqlrsError, nothing was thrown');
}

/** The `invalid_argument` body of one bad item at `path`. */
export function invalid(message: string, path: string, details?: string): ErrorBody {
  return { code: 'invalid_argument', message, details, issues: [{ path, message }] };
}
