// Helpers that turn a thrown SqlrsError into a plain object, so tests can assert whole errors.
import { isSqlrsError } from '@sqlrs/errors';

/** The fields of a SqlrsError a caller sees. */
export interface ErrorFields {
  code: string;
  message: string;
  details: string | undefined;
  issues: unknown;
  data: unknown;
}

function fields(error: unknown): ErrorFields {
  if (!isSqlrsError(error)) throw new Error(`expected a SqlrsError, got ${String(error)}`);
  return { code: error.code, message: error.message, details: error.details, issues: error.issues, data: error.data };
}

/** The fields of the SqlrsError `run` throws; fails the test when it does not throw one. */
export function caughtSync(run: () => unknown): ErrorFields {
  try {
    run();
  } catch (error) {
    return fields(error);
  }
  throw new Error('expected a SqlrsError, nothing was thrown');
}

/** The fields of the SqlrsError a promise rejects with; fails the test when it resolves. */
export async function caught(promise: Promise<unknown>): Promise<ErrorFields> {
  try {
    await promise;
  } catch (error) {
    return fields(error);
  }
  throw new Error('expected a SqlrsError, the promise resolved');
}
