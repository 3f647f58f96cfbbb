import { SqlrsError } from '@sqlrs/errors';

/** Query parameter values a route accepts; undefined, null, empty strings and `false` are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/**
 * Builds `?a=1&b=x` from the parameters that carry a value (`""` when none): booleans are sent
 * only when true (the engine reads absent as false), everything else as its string form.
 */
export function queryString(params: QueryParams | undefined): string {
  if (params === undefined) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === false || value === '') continue;
    search.append(key, value === true ? 'true' : String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * One URL path segment for an id, name or job id: percent-encoded, and rejected when it is empty
 * or a dot segment, which URL parsing would fold into another route.
 */
export function pathSegment(value: string, what: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new SqlrsError('invalid_argument', `${what} must not be empty, "." or ".."`, {
      issues: [{ path: what, message: 'expected an id or name' }],
    });
  }
  return encodeURIComponent(value);
}
