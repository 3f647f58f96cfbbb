import type { RunRequest } from '../run.js';
import type { ParsedPsqlArgs } from './parsed-psql-args.js';
import { parsePgbenchArgs } from './parse-pgbench-args.js';
import type { ParsedPgbenchArgs } from './parse-pgbench-args.js';
import { parsePsqlArgs } from './parse-psql-args.js';

/** The parsed arguments of a run: one psql command line per invocation, or pgbench's. */
export type RunArgs =
  | { readonly kind: 'psql'; readonly invocations: readonly ParsedPsqlArgs[] }
  | { readonly kind: 'pgbench'; readonly pgbench: ParsedPgbenchArgs };

/**
 * The I/O-free §6 checks of a schema-valid run request: `args` (or each step's `args`, issue paths
 * `steps[i].args[j]`) parsed in run mode for psql, or by the pgbench rules.
 */
export function validateRunRequestArgs(run: Pick<RunRequest, 'kind' | 'args' | 'steps'>): RunArgs {
  if (run.kind === 'pgbench') return { kind: 'pgbench', pgbench: parsePgbenchArgs(run.args ?? []) };
  const steps = run.steps ?? [];
  if (steps.length === 0) return { kind: 'psql', invocations: [parsePsqlArgs(run.args ?? [], 'run')] };
  return {
    kind: 'psql',
    invocations: steps.map((step, i) => parsePsqlArgs(step.args, 'run', { path: ['steps', i, 'args'] })),
  };
}
