// The shape of one CLI command: its options, help text and handler.
import type { CliContext } from './cli-context.js';

/** One option of a command; `value` names the argument in help (string options only). */
export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: 'boolean' | 'string';
  readonly value?: string;
  readonly help: string;
}

/** Parsed command line of one command. */
export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  /** Items after `--` (tool arguments), or undefined without `--`. */
  readonly toolArgs: readonly string[] | undefined;
  /** For `prepare:psql … run:psql …`: everything from the `run:*` word on. */
  readonly rest: readonly string[] | undefined;
}

/** A command: `name` may be two words (`engine start`). */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage line after `sqlrs <name>`. */
  readonly usage: string;
  readonly description?: string;
  readonly options: readonly OptionSpec[];
  readonly positionals: { readonly min: number; readonly max: number };
  /** Whether items after `--` are accepted. */
  readonly toolArgs?: boolean;
  readonly examples: readonly string[];
  /** Returns the exit code. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}
