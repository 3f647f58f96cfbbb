import { SqlrsError } from '@sqlrs/errors';
import type { ErrorIssue } from '@sqlrs/errors';
import type { z } from 'zod';

/** Formats a path the way api.md writes it: `psql_args[3]`, `cache.capacity.maxBytes`, `""` for the root. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** `<field> is required` for zod's default message about an absent field, else undefined. */
function missingField(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'invalid_type' || !issue.message.endsWith('received undefined')) return undefined;
  const field = [...issue.path].reverse().find((segment) => typeof segment === 'string');
  return field === undefined ? undefined : `${String(field)} is required`;
}

/** Options of {@link toErrorIssues}. */
export interface ToErrorIssuesOptions {
  /** Message of an unknown key's issue (its path names the key); default `unknown field "<key>"`. */
  unknownKey?: (key: string) => string;
}

/**
 * api.md `issues` entries of a zod error: an unknown-keys issue becomes one entry per key, and
 * zod's default message for an absent field becomes `<field> is required`.
 */
export function toErrorIssues(error: z.ZodError, options: ToErrorIssuesOptions = {}): ErrorIssue[] {
  const unknownKey = options.unknownKey ?? ((key: string) => `unknown field ${JSON.stringify(key)}`);
  const issues: ErrorIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ path: formatIssuePath([...issue.path, key]), message: unknownKey(key) });
      }
    } else {
      issues.push({ path: formatIssuePath(issue.path), message: missingField(issue) ?? issue.message });
    }
  }
  return issues;
}

/** One sentence for an issue: its message when that already names the field, else `path: message`. */
export function issueSentence(issue: ErrorIssue): string {
  const leaf = /([^.[\]]+)(?:\[\d+\])*$/.exec(issue.path)?.[1];
  if (issue.path === '' || (leaf !== undefined && issue.message.includes(leaf))) return issue.message;
  return `${issue.path}: ${issue.message}`;
}

/**
 * The `invalid_argument` error of a failed validation: `message` (default: the first issue's
 * sentence), `details` listing every issue unless that only repeats the message, and the issues.
 */
export function validationError(issues: ErrorIssue[], message?: string): SqlrsError {
  const sentences = issues.map(issueSentence);
  const text = message ?? sentences[0] ?? 'invalid request';
  const details = sentences.join('; ');
  return new SqlrsError('invalid_argument', text, { details: details === text ? undefined : details, issues });
}

/** Parses `value` with `schema`, or throws the {@link validationError} of its issues. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, message?: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationError(toErrorIssues(result.error), message);
}
