// prepare:psql and prepare:lb: submit a prepare job, watch it, print the DSN; and the composite
// `prepare:psql … run:psql …` that runs a tool on the new instance and removes it afterwards.
import type { PrepareJobStatus } from '@sqlrs/contract';
import type { CliContext } from '../cli-context.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { failedJobExit } from '../job-outcome.js';
import { IMAGE_OPTION, INSTANCE_OPTIONS, prepareRequest } from '../prepare-request.js';
import type { PrepareTool } from '../prepare-request.js';
import { jobViewFor } from '../progress/job-view-for.js';
import { watchJob } from '../progress/watch-job.js';
import { usageError } from '../usage-error.js';
import { runComposite } from './composite-run.js';

/** Submits and (unless --no-watch) watches; returns the final status or an exit code. */
async function submitAndWatch(ctx: CliContext, tool: PrepareTool, args: ParsedArgs, watch: boolean): Promise<PrepareJobStatus | number> {
  const client = await ctx.client();
  const request = await prepareRequest(tool, args, ctx.io, false);
  const accepted = await client.submitPrepareJob(request);
  if (!watch) {
    if (ctx.output === 'json') ctx.json(accepted);
    else ctx.print(accepted.job_id);
    return EXIT.ok;
  }
  const outcome = await watchJob(client, ctx.io, accepted.job_id, jobViewFor(ctx, accepted.job_id));
  const failed = failedJobExit(ctx, accepted.job_id, outcome);
  if (failed !== undefined || outcome.kind !== 'finished') return failed ?? EXIT.software;
  return outcome.status;
}

function prepareCommand(tool: PrepareTool): Command {
  const name = `prepare:${tool}`;
  const toolName = tool === 'psql' ? 'psql' : 'Liquibase';
  return {
    name,
    summary: `prepare a database with ${toolName} and print its DSN`,
    usage: `[options] -- <${tool} args>${tool === 'psql' ? ' [run:psql|run:pgbench [options] -- <args>]' : ''}`,
    description:
      tool === 'psql'
        ? 'Each -c/-f is one cached step. Relative -f paths are made absolute; "-f -" sends stdin.\nThe DSN alone goes to stdout, progress to stderr. Followed by run:psql or run:pgbench,\nthe tool runs on the new instance, which is removed afterwards; sqlrs exits with its code.'
        : 'Liquibase arguments after --; relative paths resolve against the current directory.\nThe DSN alone goes to stdout, progress to stderr.',
    options: [IMAGE_OPTION, ...INSTANCE_OPTIONS, { name: 'no-watch', type: 'boolean', help: 'print the job id and return at once' }],
    positionals: { min: 0, max: 0 },
    toolArgs: true,
    examples:
      tool === 'psql'
        ? [
            'export DATABASE_URL=$(sqlrs prepare:psql -- -f examples/schema.sql)',
            'sqlrs prepare:psql --name dev --ttl 2h -- -f schema.sql -c "insert into t values (1)"',
            'cat seed.sql | sqlrs prepare:psql -- -f schema.sql -f -',
            'sqlrs prepare:psql -- -f schema.sql run:psql -- -c "select count(*) from t"',
          ]
        : ['sqlrs prepare:lb -- update --changelog-file=db/changelog.xml', 'sqlrs prepare:lb --name lb-dev -- update-count --count=3 --changelog-file=db/changelog.xml'],
    run: async (ctx, args) => {
      if (args.rest !== undefined) {
        if (tool !== 'psql') throw usageError('only prepare:psql can be followed by run:psql or run:pgbench', name);
        if (args.values['no-watch'] === true) throw usageError('--no-watch cannot be combined with run:*', name);
        return runComposite(ctx, args, (composite) => submitAndWatch(ctx, tool, composite, true));
      }
      const result = await submitAndWatch(ctx, tool, args, args.values['no-watch'] !== true);
      if (typeof result === 'number') return result;
      if (ctx.output === 'json') ctx.json(result);
      else ctx.print(result.result?.dsn ?? '');
      return EXIT.ok;
    },
  };
}

export const preparePsql = prepareCommand('psql');
export const prepareLb = prepareCommand('lb');
