// run:psql and run:pgbench against an instance; sqlrs exits with the tool's own exit code.
import type { RunRequest } from '@sqlrs/contract';
import { PGBENCH_OPTIONS, PSQL_OPTIONS } from '@sqlrs/contract';
import { absoluteFileArgs } from '../absolute-file-args.js';
import type { CliContext } from '../cli-context.js';
import type { Command, ParsedArgs } from '../command.js';
import { readsStdin } from '../prepare-request.js';
import { resolveInstance } from '../resolve-refs.js';
import { runTool } from '../run-tool.js';
import { usageError } from '../usage-error.js';

/** Tools a run can start. */
export type RunKind = 'psql' | 'pgbench';

/** The run request for `instanceRef` from a run:* command line. */
export async function runRequest(ctx: CliContext, kind: RunKind, instanceRef: string, args: ParsedArgs): Promise<RunRequest> {
  const table = kind === 'psql' ? PSQL_OPTIONS : PGBENCH_OPTIONS;
  const toolArgs = absoluteFileArgs(args.toolArgs ?? [], table, ctx.io.cwd, kind === 'psql' ? 'path' : 'weighted');
  const timeout = args.values['timeout'] as string | undefined;
  if (timeout !== undefined && !/^\d+$/.test(timeout)) throw usageError(`invalid --timeout "${timeout}": use whole seconds`, `run:${kind}`);
  const stdin = readsStdin(toolArgs) ? await ctx.io.readStdin() : undefined;
  return {
    instance_ref: instanceRef,
    kind,
    args: toolArgs,
    ...(stdin === undefined ? {} : { stdin }),
    ...(timeout === undefined ? {} : { timeout_seconds: Number(timeout) }),
  } as RunRequest;
}

/** Prints a finished run in json mode; text mode already streamed it. */
export function printRun(ctx: CliContext, outcome: object): void {
  if (ctx.output === 'json') ctx.json(outcome);
}

function runCommand(kind: RunKind): Command {
  return {
    name: `run:${kind}`,
    summary: `run ${kind} against an instance and exit with its exit code`,
    usage: `<instance> [options] -- <${kind} args>`,
    description: `<instance> is a name, an instance id or a unique id prefix (8+ hex). The engine supplies the
connection; output streams live. "-f -" sends stdin as the script.`,
    options: [{ name: 'timeout', type: 'string', value: 'SECONDS', help: 'stop the tool after SECONDS' }],
    positionals: { min: 1, max: 1 },
    toolArgs: true,
    examples:
      kind === 'psql'
        ? ['sqlrs run:psql dev -- -c "select count(*) from customers"', 'sqlrs run:psql 4be1d2c3 -- -f report.sql', 'sqlrs run:psql dev -- -f - < query.sql']
        : ['sqlrs run:pgbench dev -- -i -s 2', 'sqlrs run:pgbench dev -- -c 4 -T 10 -f bench.sql'],
    run: async (ctx, args) => {
      const client = await ctx.client();
      const instance = await resolveInstance(client, args.positionals[0] as string);
      const outcome = await runTool(ctx, client, await runRequest(ctx, kind, instance, args));
      printRun(ctx, outcome);
      return outcome.exit_code;
    },
  };
}

export const runPsql = runCommand('psql');
export const runPgbench = runCommand('pgbench');
