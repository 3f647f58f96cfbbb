import type { ParsedOption } from './getopt.js';

/** `prepare` applies all of api.md §4.2; `run` (§6) the same parsing and rejections, nothing enforced. */
export type PsqlArgsMode = 'prepare' | 'run';

/** One psql input, in order; `index` is the item holding its SQL text or path. */
export type PsqlStep =
  | { readonly kind: 'command'; readonly sql: string; readonly index: number }
  | { readonly kind: 'file'; readonly path: string; readonly index: number }
  | { readonly kind: 'stdin'; readonly index: number };

/** A psql variable after every `-v` was applied in order (an unset `-v NAME` removes it). */
export interface PsqlVariable {
  readonly name: string;
  readonly value: string;
}

/** A psql command line checked against api.md §4.2. */
export interface ParsedPsqlArgs {
  readonly mode: PsqlArgsMode;
  /** The `-c`/`-f` inputs in order; empty when there is none (api.md's one step that runs nothing). */
  readonly steps: readonly PsqlStep[];
  /**
   * Every non-input option in original order, in canonical form. In prepare mode the redundant
   * `-X` and `-v ON_ERROR_STOP=1` are left out, since every step gets them anyway.
   */
  readonly options: readonly ParsedOption[];
  /** Variables resolved last-wins, sorted by name (code point order); the enforced ON_ERROR_STOP is not listed in prepare mode. */
  readonly variables: readonly PsqlVariable[];
  /** `-1`/`--single-transaction` was given. */
  readonly singleTransaction: boolean;
  /** `-S`/`--single-line` was given. */
  readonly singleLine: boolean;
  /** Some step reads stdin (`-f -`). */
  readonly usesStdin: boolean;
  /** `prepare_args_normalized` (api.md §4.2); in run mode the same form without the enforced prefix. */
  readonly normalized: string;
}
