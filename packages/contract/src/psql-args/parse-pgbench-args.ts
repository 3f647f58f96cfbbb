import { argError } from './arg-error.js';
import type { ArgListPath } from './arg-error.js';
import { getoptTokens, optionFlag } from './getopt.js';
import type { ParsedOption } from './getopt.js';
import { PGBENCH_OPTION_TABLE } from './pgbench-option-table.js';

/** A `-f` script of a pgbench run: its absolute path, the `@weight` if given, the item holding it. */
export interface PgbenchScript {
  readonly path: string;
  readonly weight?: string;
  readonly index: number;
}

/** A pgbench command line checked against api.md §6. */
export interface ParsedPgbenchArgs {
  /** Every option in original order, in canonical form (`-f` scripts included). */
  readonly options: readonly ParsedOption[];
  /** The `-f` files to check for readability; `-f -` (stdin) is not listed. */
  readonly scripts: readonly PgbenchScript[];
  /** Some `-f -` reads the run's stdin. */
  readonly usesStdin: boolean;
}

/** Options of {@link parsePgbenchArgs}. */
export interface ParsePgbenchArgsOptions {
  /** Where the list sits in the request, for issue paths; default `args`. */
  path?: ArgListPath;
}

/** pgbench's `path@weight`: the weight follows the last `@`, as pgbench's own parser splits it. */
function splitWeight(value: string): { path: string; weight?: string } {
  const at = value.lastIndexOf('@');
  return at < 0 ? { path: value } : { path: value.slice(0, at), weight: value.slice(at + 1) };
}

/**
 * Parses a pgbench command line as pgbench's getopt_long would and applies api.md §6: connection
 * flags in any spelling and bare words are refused, and `-f` scripts must be absolute paths.
 */
export function parsePgbenchArgs(args: readonly string[], options: ParsePgbenchArgsOptions = {}): ParsedPgbenchArgs {
  const path = options.path ?? ['args'];
  const parsed: ParsedOption[] = [];
  const scripts: PgbenchScript[] = [];
  let usesStdin = false;
  for (const token of getoptTokens(args, PGBENCH_OPTION_TABLE)) {
    if (token.kind === 'unknown') throw argError('unknown pgbench option', path, token.index, token.written);
    if (token.kind === 'positional') {
      if (token.text === '') continue;
      throw argError('positional arguments are not allowed', path, token.index, token.text);
    }
    if (token.spec.class === 'connection') throw argError('connection flags are not allowed', path, token.index, token.written);
    if (token.problem === 'missing_value') throw argError('option requires a value', path, token.index, token.written);
    if (token.problem === 'unexpected_value') throw argError('option takes no value', path, token.index, token.written);
    const flag = optionFlag(token.spec);
    if (token.value === undefined) {
      parsed.push({ flag, index: token.index });
      continue;
    }
    const at = token.valueIndex ?? token.index;
    parsed.push({ flag, value: token.value, index: token.index, valueIndex: at });
    if (token.spec.class !== 'file') continue;
    const script = splitWeight(token.value);
    if (script.path === '-') usesStdin = true;
    else if (script.path === '') throw argError('file path is empty', path, at, token.written);
    else if (!script.path.startsWith('/')) throw argError('file path must be absolute', path, at, script.path);
    else scripts.push({ ...script, index: at });
  }
  return { options: parsed, scripts, usesStdin };
}
