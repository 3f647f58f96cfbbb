// watch and cancel: follow or stop a prepare job by id or id prefix.
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { failedJobExit } from '../job-outcome.js';
import { jobViewFor } from '../progress/job-view-for.js';
import { watchJob } from '../progress/watch-job.js';
import { resolveJob } from '../resolve-refs.js';

export const watch: Command = {
  name: 'watch',
  summary: 'follow a prepare job to its end and print its DSN',
  usage: '<job>',
  description: '<job> is a job id or a unique id prefix. Ctrl+C asks whether to cancel the job or detach.',
  options: [],
  positionals: { min: 1, max: 1 },
  examples: ['sqlrs watch 9f2c41d0', 'sqlrs watch -o json 9f2c41d0'],
  run: async (ctx, args) => {
    const client = await ctx.client();
    const jobId = await resolveJob(client, args.positionals[0] as string);
    const outcome = await watchJob(client, ctx.io, jobId, jobViewFor(ctx, jobId));
    const failed = failedJobExit(ctx, jobId, outcome);
    if (failed !== undefined || outcome.kind !== 'finished') return failed ?? EXIT.software;
    if (ctx.output === 'json') ctx.json(outcome.status);
    else if (outcome.status.result !== null) ctx.print(outcome.status.result.dsn);
    return EXIT.ok;
  },
};

export const cancel: Command = {
  name: 'cancel',
  summary: 'cancel a queued or running prepare job',
  usage: '<job>',
  options: [],
  positionals: { min: 1, max: 1 },
  examples: ['sqlrs cancel 9f2c41d0'],
  run: async (ctx, args) => {
    const client = await ctx.client();
    const jobId = await resolveJob(client, args.positionals[0] as string);
    const status = await client.cancelPrepareJob(jobId);
    if (ctx.output === 'json') ctx.json(status);
    else ctx.print(status.status === 'succeeded' || status.status === 'failed' ? `job ${jobId} already ${status.status}` : `job ${jobId}: cancel requested`);
    return EXIT.ok;
  },
};
