import { argError } from './arg-error.js';
import type { ArgListPath } from './arg-error.js';
import { getoptTokens, optionFlag } from './getopt.js';
import type { GetoptToken, ParsedOption } from './getopt.js';
import type { ParsedPsqlArgs, PsqlArgsMode, PsqlStep, PsqlVariable } from './parsed-psql-args.js';
import { normalizePsqlArgs } from './psql-argv.js';
import { PSQL_OPTION_TABLE } from './psql-option-table.js';
import type { PsqlOptionClass } from './psql-option-table.js';

/** Options of {@link parsePsqlArgs}. */
export interface ParsePsqlArgsOptions {
  /** Where the list sits in the request, for issue paths; default `psql_args` (prepare) or `args` (run). */
  path?: ArgListPath;
}

type OptionToken = Extract<GetoptToken<PsqlOptionClass>, { kind: 'option' }>;

interface ParseState {
  readonly mode: PsqlArgsMode;
  readonly path: ArgListPath;
  readonly steps: PsqlStep[];
  readonly options: ParsedOption[];
  readonly variables: Map<string, string>;
  usesStdin: boolean;
  singleTransaction: boolean;
  singleLine: boolean;
}

// psql's valid_variable_name: ASCII letters, digits and "_", or any non-ASCII character.
const VARIABLE_NAME = /^[A-Za-z0-9_\u0080-\uFFFF]+$/;
// ASCII case-insensitive: without the u flag, /i never folds a non-ASCII letter onto an ASCII one.
const ON_ERROR_STOP = /^ON_ERROR_STOP$/i;

function parsedOption(token: OptionToken): ParsedOption {
  const flag = optionFlag(token.spec);
  if (token.value === undefined) return { flag, index: token.index };
  return { flag, value: token.value, index: token.index, valueIndex: token.valueIndex ?? token.index };
}

function addInput(state: ParseState, token: OptionToken): void {
  const value = token.value ?? '';
  const at = token.valueIndex ?? token.index;
  if (token.spec.short === 'c') {
    if (value.trim() === '') throw argError('command is empty', state.path, at, token.written);
    state.steps.push({ kind: 'command', sql: value, index: at });
  } else if (value === '-') {
    if (state.usesStdin && state.mode === 'prepare') throw argError('-f - may be used only once', state.path, at, '-f -');
    state.usesStdin = true;
    state.steps.push({ kind: 'stdin', index: at });
  } else if (value === '') {
    throw argError('file path is empty', state.path, at, token.written);
  } else if (!value.startsWith('/')) {
    throw argError('file path must be absolute', state.path, at, value);
  } else {
    state.steps.push({ kind: 'file', path: value, index: at });
  }
}

function addVariable(state: ParseState, token: OptionToken): void {
  const value = token.value ?? '';
  const at = token.valueIndex ?? token.index;
  const eq = value.indexOf('=');
  const name = eq < 0 ? value : value.slice(0, eq);
  const assigned = eq < 0 ? undefined : value.slice(eq + 1);
  if (!VARIABLE_NAME.test(name)) throw argError('invalid psql variable name', state.path, at, value);
  if (state.mode === 'prepare' && ON_ERROR_STOP.test(name)) {
    if (assigned !== '1') throw argError('ON_ERROR_STOP must be set to 1', state.path, at, value);
    // Only the exact name is psql's setting (variables are case-sensitive); it is enforced anyway.
    if (name === 'ON_ERROR_STOP') return;
  }
  state.options.push(parsedOption(token));
  if (assigned === undefined) state.variables.delete(name);
  else state.variables.set(name, assigned);
}

function addAllowed(state: ParseState, token: OptionToken): void {
  const short = token.spec.short;
  if (short === 'X' && state.mode === 'prepare') return;
  if (short === '1') state.singleTransaction = true;
  if (short === 'S') state.singleLine = true;
  state.options.push(parsedOption(token));
}

function addOption(state: ParseState, token: OptionToken): void {
  const kind = token.spec.class;
  if (kind === 'connection') throw argError('connection flags are not allowed', state.path, token.index, token.written);
  if (kind === 'rejected') throw argError(`option not allowed in ${state.mode}`, state.path, token.index, token.written);
  if (token.problem === 'missing_value') throw argError('option requires a value', state.path, token.index, token.written);
  if (token.problem === 'unexpected_value') throw argError('option takes no value', state.path, token.index, token.written);
  switch (kind) {
    case 'input':
      addInput(state, token);
      return;
    case 'variable':
      addVariable(state, token);
      return;
    case 'allowed':
      addAllowed(state, token);
      return;
  }
}

/** Orders strings by code point, which is also the byte order of their UTF-8 encodings. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
  const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

function sortedVariables(variables: Map<string, string>): PsqlVariable[] {
  return [...variables]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([name, value]) => ({ name, value }));
}

/**
 * Parses a psql command line as psql's getopt_long would and applies api.md §4.2 (`prepare`) or
 * §6 (`run`: same parsing and rejections, ON_ERROR_STOP free, a repeated `-f -` allowed, nothing
 * dropped); throws `invalid_argument` with api.md's message and an issue at the offending item.
 */
export function parsePsqlArgs(args: readonly string[], mode: PsqlArgsMode, options: ParsePsqlArgsOptions = {}): ParsedPsqlArgs {
  const state: ParseState = {
    mode,
    path: options.path ?? [mode === 'prepare' ? 'psql_args' : 'args'],
    steps: [],
    options: [],
    variables: new Map(),
    usesStdin: false,
    singleTransaction: false,
    singleLine: false,
  };
  for (const token of getoptTokens(args, PSQL_OPTION_TABLE)) {
    if (token.kind === 'unknown') throw argError('unknown psql option', state.path, token.index, token.written);
    if (token.kind === 'option') addOption(state, token);
    // Empty items are skipped (compat); every other bare word, `--` included, is refused.
    else if (token.text !== '') throw argError('positional arguments are not allowed', state.path, token.index, token.text);
  }
  const parsed = { mode, steps: state.steps, options: state.options };
  return {
    ...parsed,
    variables: sortedVariables(state.variables),
    singleTransaction: state.singleTransaction,
    singleLine: state.singleLine,
    usesStdin: state.usesStdin,
    normalized: normalizePsqlArgs(parsed),
  };
}
