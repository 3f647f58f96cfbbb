// plan:psql and plan:lb: a plan_only job; prints its steps with their cache status.
import type { PlanTask } from '@sqlrs/contract';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { failedJobExit } from '../job-outcome.js';
import { IMAGE_OPTION, prepareRequest } from '../prepare-request.js';
import type { PrepareTool } from '../prepare-request.js';
import { SILENT_VIEW } from '../progress/job-view.js';
import { watchJob } from '../progress/watch-job.js';
import { table } from '../render/table.js';

function stepRow(task: PlanTask): string[] {
  switch (task.type) {
    case 'state_execute':
      return [task.task_id, task.cached ? 'cached' : 'build', task.output_state_id.slice(0, 12), task.args_summary];
    case 'resolve_image':
      return [task.task_id, '', '', `${task.image_id} -> ${task.resolved_image_id ?? '?'}`];
    case 'plan':
      return [task.task_id, '', '', task.planner_kind];
    case 'prepare_instance':
      return [task.task_id, '', '', 'start instance'];
  }
}

function planCommand(tool: PrepareTool): Command {
  return {
    name: `plan:${tool}`,
    summary: `show the steps a prepare:${tool} would run and which are cached`,
    usage: `[options] -- <${tool} args>`,
    options: [IMAGE_OPTION],
    positionals: { min: 0, max: 0 },
    toolArgs: true,
    examples: tool === 'psql' ? ['sqlrs plan:psql -- -f schema.sql -f data.sql', 'sqlrs plan:psql -o json -- -c "create table t (id int)"'] : ['sqlrs plan:lb -- update --changelog-file=db/changelog.xml'],
    run: async (ctx, args) => {
      const client = await ctx.client();
      const accepted = await client.submitPrepareJob(await prepareRequest(tool, args, ctx.io, true));
      const outcome = await watchJob(client, ctx.io, accepted.job_id, SILENT_VIEW);
      const failed = failedJobExit(ctx, accepted.job_id, outcome);
      if (failed !== undefined || outcome.kind !== 'finished') return failed ?? EXIT.software;
      const { status } = outcome;
      if (ctx.output === 'json') ctx.json(status);
      else ctx.print(table(['TASK', 'CACHE', 'STATE', 'WHAT'], (status.tasks ?? []).map(stepRow)));
      return EXIT.ok;
    },
  };
}

export const planPsql = planCommand('psql');
export const planLb = planCommand('lb');
