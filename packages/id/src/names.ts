import { SqlrsError } from '@sqlrs/errors';

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const ID_LIKE = /^[0-9a-f]{8,}$/;

/** Why a string is not a valid instance name, or undefined when it is one (api.md §1.6). */
export function nameProblem(value: string): string | undefined {
  if (!NAME.test(value)) {
    return 'names are 1-63 characters of a-z, 0-9, ".", "_" and "-", starting with a letter or digit';
  }
  if (ID_LIKE.test(value)) {
    return 'names may not be 8 or more hex characters, which look like an instance id or id prefix';
  }
  return undefined;
}

/** True when `value` follows the name grammar and cannot be mistaken for an id. */
export function isValidName(value: string): boolean {
  return nameProblem(value) === undefined;
}

/** Returns `value` when it is a valid name, else throws `invalid_argument` naming the rule. */
export function parseName(value: string): string {
  const problem = nameProblem(value);
  if (problem !== undefined) {
    throw new SqlrsError('invalid_argument', 'invalid name', {
      details: `${JSON.stringify(value)}: ${problem}`,
      issues: [{ path: 'name', message: problem }],
    });
  }
  return value;
}
