import { SqlrsError } from '@sqlrs/errors';
import type { ParsedOption } from './getopt.js';
import type { ParsedPsqlArgs, PsqlStep } from './parsed-psql-args.js';
import { shellJoin } from './shell-quote.js';

/** The flags every prepare step starts with (api.md §4.2, engine.md §2.2). */
export const ENFORCED_PSQL_ARGS: readonly string[] = ['-X', '-v', 'ON_ERROR_STOP=1'];

/** The parts of a parsed command line that its argv is built from. */
export type PsqlArgvSource = Pick<ParsedPsqlArgs, 'mode' | 'options' | 'steps'>;

function prefix(parsed: PsqlArgvSource): readonly string[] {
  return parsed.mode === 'prepare' ? ENFORCED_PSQL_ARGS : [];
}

function optionArgv(options: readonly ParsedOption[]): string[] {
  return options.flatMap((option) => (option.value === undefined ? [option.flag] : [option.flag, option.value]));
}

/** A step's input as psql arguments: `-c <sql>`, `-f <path>` or `-f -`. */
export function inputArgv(step: PsqlStep): string[] {
  switch (step.kind) {
    case 'command':
      return ['-c', step.sql];
    case 'file':
      return ['-f', step.path];
    case 'stdin':
      return ['-f', '-'];
  }
}

/**
 * `prepare_args_normalized`: `-X -v ON_ERROR_STOP=1 <options> <inputs>` with every option in its
 * short separate form and items POSIX-quoted where needed; in run mode without the enforced prefix.
 */
export function normalizePsqlArgs(parsed: PsqlArgvSource): string {
  return shellJoin([...prefix(parsed), ...optionArgv(parsed.options), ...parsed.steps.flatMap(inputArgv)]);
}

/**
 * The argv of one step, without connection arguments (the executor adds them):
 * `-X -v ON_ERROR_STOP=1 <every non-input option, in original order> <the step's one input>`.
 */
export function stepArgv(parsed: PsqlArgvSource, stepIndex: number): string[] {
  const step = parsed.steps[stepIndex];
  if (step === undefined) {
    throw new SqlrsError('internal_error', `psql step ${stepIndex} does not exist`, {
      details: `the command line has ${parsed.steps.length} steps`,
    });
  }
  return [...prefix(parsed), ...optionArgv(parsed.options), ...inputArgv(step)];
}
