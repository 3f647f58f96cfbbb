import { SqlrsError } from '@sqlrs/errors';
import type { ParsedPsqlArgs } from './parsed-psql-args.js';

function stdinError(message: string): SqlrsError {
  return new SqlrsError('invalid_argument', message, { issues: [{ path: 'stdin', message }] });
}

/**
 * The stdin rules of api.md §4.2 for a prepare request: `-f -` needs `stdin` (`""` is an empty
 * script), and a non-empty `stdin` needs `-f -`. Runs (§6) have no such rule, so run mode passes.
 */
export function checkPsqlStdin(parsed: Pick<ParsedPsqlArgs, 'mode' | 'usesStdin'>, stdin: string | null | undefined): void {
  if (parsed.mode === 'run') return;
  const given = stdin !== undefined && stdin !== null;
  if (parsed.usesStdin && !given) throw stdinError('stdin is required when using -f -');
  // "" counts as not given, as api.md §4.1 treats empty values of fields that do not apply.
  if (!parsed.usesStdin && given && stdin !== '') throw stdinError('stdin is only valid with -f -');
}
