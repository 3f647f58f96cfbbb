import { SqlrsError } from '@sqlrs/errors';

/** The error of engine.md §2.4: hashed inputs differ from what was read or planned. */
export function inputsChanged(details: string): SqlrsError {
  return new SqlrsError('invalid_argument', 'inputs changed after submit; resubmit once the input files stop changing', {
    details,
  });
}

/** The error for content whose effect cannot be hashed (engine.md §2.3), naming where it is. */
export function unhashable(where: string, reason: string, fix: string): SqlrsError {
  return new SqlrsError('invalid_argument', `cannot hash ${where}: ${reason}; ${fix}`);
}
