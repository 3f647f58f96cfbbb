import { SqlrsError } from '@sqlrs/errors';
import { formatIssuePath } from '../issues.js';

/** Where an argument list sits in a request: `['psql_args']`, `['args']`, `['steps', 2, 'args']`. */
export type ArgListPath = readonly (string | number)[];

const DETAILS_CHARS = 200;

function clip(text: string): string {
  if (text.length <= DETAILS_CHARS) return text;
  const points = Array.from(text);
  return points.length <= DETAILS_CHARS ? text : `${points.slice(0, DETAILS_CHARS).join('')}…`;
}

/**
 * The `invalid_argument` error of one bad item: api.md's message, `details` naming the offending
 * option or text (cut to 200 characters), and one issue at `<path>[index]` with the same message.
 */
export function argError(message: string, path: ArgListPath, index: number, details?: string): SqlrsError {
  const shown = details === undefined ? undefined : clip(details);
  return new SqlrsError('invalid_argument', message, {
    details: shown,
    issues: [{ path: formatIssuePath([...path, index]), message }],
  });
}
