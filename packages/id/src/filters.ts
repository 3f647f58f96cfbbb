import { SqlrsError } from '@sqlrs/errors';

const HEX = /^[0-9a-f]+$/i;

/**
 * Parses an `id_prefix` query value (api.md §1.7): trimmed, empty means no filter, else hex of
 * 8..idLength characters. Returns the lowercase prefix or undefined; throws `invalid_argument`.
 */
export function parseIdPrefix(raw: string | undefined, idLength: 32 | 64): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  if (!HEX.test(value) || value.length < 8 || value.length > idLength) {
    throw new SqlrsError('invalid_argument', 'invalid id_prefix', {
      details: `id_prefix must be 8 to ${idLength} hex characters, got ${JSON.stringify(value)}`,
      issues: [{ path: 'id_prefix', message: `expected 8..${idLength} hex characters` }],
    });
  }
  return value.toLowerCase();
}

/**
 * Parses the jobs list `job` query value (api.md §4.5): trimmed, empty means no filter, else a
 * hex prefix of 1..32 characters. Returns it lowercase or undefined; throws `invalid_argument`.
 */
export function parseJobFilter(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  if (!HEX.test(value) || value.length > 32) {
    throw new SqlrsError('invalid_argument', 'invalid job', {
      details: `job must be 1 to 32 hex characters, got ${JSON.stringify(value)}`,
      issues: [{ path: 'job', message: 'expected 1..32 hex characters' }],
    });
  }
  return value.toLowerCase();
}
