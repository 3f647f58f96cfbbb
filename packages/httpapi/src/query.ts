import { SqlrsError } from '@sqlrs/errors';
import { parseRandomId, parseStateId } from '@sqlrs/id';

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

function invalid(name: string, details: string): SqlrsError {
  return new SqlrsError('invalid_argument', `invalid ${name}`, { details, issues: [{ path: name, message: details }] });
}

/** A boolean query parameter with Go ParseBool values; absent or empty is false (api.md §1.7). */
export function queryBool(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '') return false;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw invalid(name, `expected one of 1, t, true, 0, f, false; got ${JSON.stringify(raw)}`);
}

/** An exact instance-id filter: trimmed, empty = none, else a 32-hex id (api.md §1.7). */
export function queryInstanceId(raw: string | undefined, name: string): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  const id = parseRandomId(value);
  if (id === undefined) throw invalid(name, `expected a 32-character hex id; got ${JSON.stringify(value)}`);
  return id;
}

/** An exact state-id filter: trimmed, empty = none, else a 64-hex id (api.md §1.7). */
export function queryStateId(raw: string | undefined, name: string): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  const id = parseStateId(value);
  if (id === undefined) throw invalid(name, `expected a 64-character hex state id; got ${JSON.stringify(value)}`);
  return id;
}

/** A free-text exact filter such as `image`: trimmed, empty = none. */
export function queryText(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  return value === '' ? undefined : value;
}

/** The `kind` filter: trimmed, empty = none, else `psql` or `lb` (api.md §1.7). */
export function queryKind(raw: string | undefined): 'psql' | 'lb' | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  if (value === 'psql' || value === 'lb') return value;
  throw invalid('kind', `expected psql or lb; got ${JSON.stringify(value)}`);
}
