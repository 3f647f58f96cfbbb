// `prepare:psql … run:psql|run:pgbench …`: prepare, run on the new instance, remove the instance.
import type { PrepareJobStatus } from '@sqlrs/contract';
import type { CliContext } from '../cli-context.js';
import type { ParsedArgs } from '../command.js';
import { describeError } from '../render-error.js';
import { parseCommandArgs } from '../parse-command-line.js';
import { runTool } from '../run-tool.js';
import { usageError } from '../usage-error.js';
import { printRun, runPgbench, runPsql, runRequest } from './run.js';

/** Runs the composite; exits with the tool's code (or the prepare's failure code). */
export async function runComposite(ctx: CliContext, args: ParsedArgs, prepare: (args: ParsedArgs) => Promise<PrepareJobStatus | number>): Promise<number> {
  const [word, ...runArgv] = args.rest ?? [];
  const runCommand = word === 'run:psql' ? runPsql : runPgbench;
  const kind = word === 'run:psql' ? 'psql' : 'pgbench';
  // The run part takes no <instance>: it runs on the instance just prepared.
  const runArgs = parseCommandArgs({ ...runCommand, positionals: { min: 0, max: 0 } }, [], runArgv);
  if (runArgs.toolArgs === undefined) throw usageError(`${word} needs its arguments after --`, 'prepare:psql');
  const prepared = await prepare({ ...args, rest: undefined });
  if (typeof prepared === 'number') return prepared;
  const instanceId = prepared.result?.instance_id;
  if (instanceId === undefined) throw usageError('the prepare produced no instance');
  const client = await ctx.client();
  try {
    const outcome = await runTool(ctx, client, await runRequest(ctx, kind, instanceId, runArgs));
    printRun(ctx, { ...outcome, job_id: prepared.job_id, state_id: prepared.result?.state_id });
    return outcome.exit_code;
  } finally {
    // The instance was made for this one run; a failed removal must not hide the tool's result.
    await client.deleteInstance(instanceId, { force: true }).then(
      (r) => r.outcome === 'deleted' || ctx.io.stderr.write(`sqlrs: instance ${instanceId} was not removed (${r.outcome})\n`),
      (err: unknown) => ctx.io.stderr.write(`sqlrs: could not remove instance ${instanceId}: ${describeError(err).message}\n`),
    );
  }
}
