// Usage errors: bad command lines, reported with exit code 64.
import { SqlrsError } from '@sqlrs/errors';

/** A command-line mistake; `hint` names the help to read. */
export function usageError(message: string, command?: string): SqlrsError {
  const hint = command === undefined ? 'sqlrs --help' : `sqlrs ${command} --help`;
  return new SqlrsError('invalid_argument', message, { details: `see "${hint}"`, data: { usage: true } });
}
